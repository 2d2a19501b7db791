<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttachmentsPanel</name>
    <message>
        <source>&amp;Add file…</source>
        <translation>添加文件(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Open a copy</source>
        <translation>打开副本(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Custody entry…</source>
        <translation>保管交接登记(&amp;C)…</translation>
    </message>
    <message>
        <source>SHA-256 of %1: %2</source>
        <translation>%1 的 SHA-256 校验值：%2</translation>
    </message>
    <message>
        <source>Add a file to the case</source>
        <translation>向本案添加文件</translation>
    </message>
    <message>
        <source>Describe the file</source>
        <translation>文件说明</translation>
    </message>
    <message>
        <source>What is %1?</source>
        <translation>%1 是什么文件？</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
</context>
<context>
    <name>AuditTimelineTab</name>
    <message>
        <source>This case file</source>
        <translation>本案</translation>
    </message>
    <message>
        <source>Whole database</source>
        <translation>整个数据库</translation>
    </message>
    <message>
        <source>Fit all</source>
        <translation>全部显示</translation>
    </message>
    <message>
        <source>PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>SVG…</source>
        <translation>导出 SVG…</translation>
    </message>
    <message>
        <source>Click an entry to see what it changed.</source>
        <translation>点击一条记录查看其修改内容。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>✓ The audit chain verifies: %1 entries. Head hash %2</source>
        <translation>✓ 审计链校验通过:共 %1 条记录。链头哈希 %2</translation>
    </message>
    <message>
        <source>✗ The audit chain is broken: %1 (last good hash %2)</source>
        <translation>✗ 审计链校验失败:%1(最后有效哈希 %2)</translation>
    </message>
    <message>
        <source>Entry %1 · %2 · %3 · %4</source>
        <translation>第 %1 条 · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export audit timeline</source>
        <translation>导出审计时间轴</translation>
    </message>
</context>
<context>
    <name>CaseAccessDialog</name>
    <message>
        <source>Members of %1</source>
        <translation>%1 的成员</translation>
    </message>
    <message>
        <source>&amp;Add:</source>
        <translation>添加(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Grant</source>
        <translation>授权(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Revoke selected</source>
        <translation>撤销所选(&amp;R)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>These users may work on the case:</source>
        <translation>以下用户可以办理此案：</translation>
    </message>
    <message>
        <source>Every active user is a member already</source>
        <translation>所有有效用户均已是成员</translation>
    </message>
    <message>
        <source>Choose a user to add.</source>
        <translation>请选择要添加的用户。</translation>
    </message>
    <message>
        <source>Case &amp;members…</source>
        <translation>案件成员(&amp;M)…</translation>
    </message>
    <message>
        <source>Open a case you lead (or be an admin) to manage its members.</source>
        <translation>请打开您主办的案件（或以管理员身份）来管理其成员。</translation>
    </message>
</context>
<context>
    <name>CaseListDock</name>
    <message>
        <source>Case files</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Filter by code or title</source>
        <translation>按案件编号或名称筛选</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Any level</source>
        <translation>全部级别</translation>
    </message>
    <message>
        <source>%1 of %2 case files, %3 suspects in all</source>
        <translation>显示 %1 / %2 起案件，共有犯罪嫌疑人 %3 名</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <source>Code</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>案件名称</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>涉案人数</translation>
    </message>
    <message>
        <source>Suspects</source>
        <translation>嫌疑人数</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Overview</source>
        <translation>案件概况</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>涉案人员</translation>
    </message>
    <message>
        <source>Vehicles</source>
        <translation>涉案车辆</translation>
    </message>
    <message>
        <source>Seizures</source>
        <translation>检材</translation>
    </message>
    <message>
        <source>Assets</source>
        <translation>涉案财物</translation>
    </message>
    <message>
        <source>Locations</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Compulsory measures</source>
        <translation>强制措施</translation>
    </message>
    <message>
        <source>Chain of custody</source>
        <translation>保管交接记录</translation>
    </message>
</context>
<context>
    <name>CheckListButton</name>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>None</source>
        <translation>全不选</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Save report as CSV…</source>
        <translation>将报告另存为 CSV…</translation>
    </message>
    <message>
        <source>Rejected rows</source>
        <translation>被拒绝的行</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>正在逐行检查…</translation>
    </message>
    <message>
        <source>%1 rows read: %2 new, %3 already in the case. Nothing is written yet.</source>
        <translation>已读取 %1 行:新增 %2 行,%3 行案件中已有。尚未写入任何数据。</translation>
    </message>
    <message>
        <source>%1 problems: nothing can be imported until the file is corrected.</source>
        <translation>发现 %1 处问题:文件改正之前不能导入任何数据。</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
</context>
<context>
    <name>CommsBox</name>
    <message>
        <source>Calls and payments</source>
        <translation>通话与资金往来</translation>
    </message>
    <message>
        <source>Between</source>
        <translation>双方</translation>
    </message>
    <message>
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Amount or count</source>
        <translation>金额/次数</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>%1 call records, %2 bank rows; in red: money moved within 3 days of a seizure.</source>
        <translation>话单 %1 条，银行流水 %2 条；红色为查获前后 3 日内的资金往来。</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>pays</source>
        <translation>转账</translation>
    </message>
    <message>
        <source>%1 day(s) from the seizure of %2</source>
        <translation>距 %2 查获 %1 天</translation>
    </message>
</context>
<context>
    <name>DrillDownDialog</name>
    <message>
        <source>Records behind: %1</source>
        <translation>数据明细：%1</translation>
    </message>
    <message>
        <source>Same period last year</source>
        <translation>去年同期</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1 records, %2 to %3</source>
        <translation>共 %1 条记录，%2 至 %3</translation>
    </message>
    <message>
        <source>%1 more records are in case files you are not a member of: they count in the figure but are not listed.</source>
        <translation>另有 %1 条记录属于您不是成员的案件：已计入统计数字，但不在此列出。</translation>
    </message>
    <message>
        <source>Only the first 5000 records are listed.</source>
        <translation>仅列出前 5000 条记录。</translation>
    </message>
</context>
<context>
    <name>EditingController</name>
    <message>
        <source>&amp;New…</source>
        <translation>新建(&amp;N)…</translation>
    </message>
    <message>
        <source>New &amp;case file…</source>
        <translation>新建案件(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Edit the selected row (Enter or double-click)</source>
        <translation>编辑选中的行(回车或双击)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Chain of &amp;custody entry…</source>
        <translation>保管交接登记(&amp;C)…</translation>
    </message>
    <message>
        <source>Read only: %1</source>
        <translation>只读：%1</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>确定删除“%1”吗？</translation>
    </message>
    <message>
        <source>this record</source>
        <translation>此记录</translation>
    </message>
    <message>
        <source>Delete these %1 records?</source>
        <translation>确定删除这 %1 条记录吗？</translation>
    </message>
    <message>
        <source>Delete %1 records</source>
        <translation>删除 %1 条记录</translation>
    </message>
    <message>
        <source>The person stays on file for other cases.</source>
        <translation>该人员在其他案件中的信息仍予保留。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <source>Open the record as it is now?</source>
        <translation>是否打开该记录的最新内容？</translation>
    </message>
    <message>
        <source>Your role (%1) may not change this case file.</source>
        <translation>您的角色（%1）不能修改此案卷。</translation>
    </message>
</context>
<context>
    <name>ExpandPage</name>
    <message>
        <source>Select a node on the chart.</source>
        <translation>请在关系图上选中一个对象。</translation>
    </message>
    <message>
        <source>Expand</source>
        <translation>展开</translation>
    </message>
    <message>
        <source>Remove expansions</source>
        <translation>移除展开内容</translation>
    </message>
    <message>
        <source>Expanding shows the node&apos;s links up to two steps away, also in other case files you may read; what comes from another case is marked with a brown badge and its case number.</source>
        <translation>展开可显示该对象两步以内的关系,包括您有权查看的其他案件中的关系;来自其他案件的对象带棕色标记并注明其案件编号。</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export prosecution package — %1</source>
        <translation>导出移送审查起诉材料 — %1</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Chinese (Simplified)</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Mask ID numbers, phones and addresses of persons who are not suspects</source>
        <translation>隐去非犯罪嫌疑人的身份证号码、电话和住址</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言:</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Open item</source>
        <translation>待补正事项</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Run the completeness check again after a fix</source>
        <translation>补正后重新检查材料是否齐全</translation>
    </message>
    <message>
        <source>Case summary</source>
        <translation>案件概况</translation>
    </message>
    <message>
        <source>Suspects</source>
        <translation>犯罪嫌疑人</translation>
    </message>
    <message>
        <source>Other persons</source>
        <translation>其他涉案人员</translation>
    </message>
    <message>
        <source>Seized drugs</source>
        <translation>扣押毒品清单</translation>
    </message>
    <message>
        <source>Cash and assets</source>
        <translation>涉案财物</translation>
    </message>
    <message>
        <source>Vehicles</source>
        <translation>涉案车辆</translation>
    </message>
    <message>
        <source>Locations</source>
        <translation>涉案地点</translation>
    </message>
    <message>
        <source>Chronology of events</source>
        <translation>案件事实时间表</translation>
    </message>
    <message>
        <source>Link chart</source>
        <translation>关系图</translation>
    </message>
    <message>
        <source>Evidence index</source>
        <translation>证据目录</translation>
    </message>
    <message>
        <source>Chain of custody</source>
        <translation>物证保管链</translation>
    </message>
    <message>
        <source>Audit statement</source>
        <translation>审计声明</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Exhibit</source>
        <translation>检材</translation>
    </message>
    <message>
        <source>Custody entry</source>
        <translation>保管交接</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>强制措施</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message numerus="yes">
        <source>%n open item(s): double-click one to show the record. Exporting anyway prints them on a page headed &quot;Open items&quot;.</source>
        <translation>
            <numerusform>有 %n 项待补正事项:双击可查看对应记录。仍要导出时,这些事项将列在“待补正事项”页。</numerusform>
        </translation>
    </message>
    <message>
        <source>No open items: the case file is complete.</source>
        <translation>没有待补正事项,案卷材料齐全。</translation>
    </message>
    <message>
        <source>Save prosecution package</source>
        <translation>保存移送审查起诉材料</translation>
    </message>
    <message>
        <source>Choose a file to write.</source>
        <translation>请选择要写入的文件。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Wrote %1 (%2 pages). SHA-256 %3, recorded in the audit trail.</source>
        <translation>已写入 %1(共 %2 页)。SHA-256 值 %3 已记入审计日志。</translation>
    </message>
    <message>
        <source>Export failed: %1. No file was written.</source>
        <translation>导出失败:%1。未写入任何文件。</translation>
    </message>
    <message>
        <source>Export cancelled. No file was written.</source>
        <translation>已取消导出,未写入任何文件。</translation>
    </message>
    <message>
        <source>&amp;Export prosecution package…</source>
        <translation>导出移送审查起诉材料(&amp;E)…</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>CSV, TSV or Excel (.xlsx) files; GBK and UTF-8 text is recognised.</source>
        <translation>支持 CSV、TSV 和 Excel(.xlsx)文件;可识别 GBK 和 UTF-8 编码。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>UTF-8 with BOM</source>
        <translation>UTF-8(带 BOM)</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件:</translation>
    </message>
    <message>
        <source>What it holds:</source>
        <translation>文件内容:</translation>
    </message>
    <message>
        <source>Text encoding:</source>
        <translation>文字编码:</translation>
    </message>
    <message>
        <source>Import file</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>表格</translation>
    </message>
</context>
<context>
    <name>FiltersPanel</name>
    <message>
        <source>Only links dated between</source>
        <translation>仅显示日期在以下范围内的关系</translation>
    </message>
    <message>
        <source>Keep links without dates</source>
        <translation>保留无日期的关系</translation>
    </message>
    <message>
        <source>As on the timeline</source>
        <translation>与时间轴一致</translation>
    </message>
    <message>
        <source>Only links dated within the days the Timeline tab shows for this case</source>
        <translation>只显示日期在本案时间轴当前所显示时段内的关系</translation>
    </message>
    <message>
        <source>Keep links standing for at least this many calls, transfers or records</source>
        <translation>仅保留至少代表这么多次通话、转账或记录的关系</translation>
    </message>
    <message>
        <source>Show links backed by statements only</source>
        <translation>显示仅有言词证据的关系</translation>
    </message>
    <message>
        <source>Hide nodes left without links</source>
        <translation>隐藏没有关系的对象</translation>
    </message>
    <message>
        <source>Reset filters</source>
        <translation>重置筛选</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <source>To</source>
        <translation>止</translation>
    </message>
    <message>
        <source>Link kinds</source>
        <translation>关系类型</translation>
    </message>
    <message>
        <source>Minimum weight</source>
        <translation>最小权重</translation>
    </message>
    <message>
        <source>Node kinds</source>
        <translation>对象类型</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import into the drug-user registry</source>
        <translation>导入吸毒人员管理</translation>
    </message>
    <message>
        <source>Import into %1</source>
        <translation>导入到 %1</translation>
    </message>
</context>
<context>
    <name>JobPanel</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>KeyPlayersPage</name>
    <message>
        <source>Degree</source>
        <translation>度</translation>
    </message>
    <message>
        <source>Betweenness</source>
        <translation>中介中心性</translation>
    </message>
    <message>
        <source>Closeness</source>
        <translation>接近中心性</translation>
    </message>
    <message>
        <source>Eigenvector</source>
        <translation>特征向量中心性</translation>
    </message>
    <message>
        <source>Same size</source>
        <translation>大小相同</translation>
    </message>
    <message>
        <source>Role and kind</source>
        <translation>按角色和类型</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社群</translation>
    </message>
    <message>
        <source>Size by</source>
        <translation>大小依据</translation>
    </message>
    <message>
        <source>Colour by</source>
        <translation>颜色依据</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <source>&amp;Find in table</source>
        <translation>在表格中筛选(&amp;F)</translation>
    </message>
    <message>
        <source>Ne&amp;xt tab</source>
        <translation>下一个标签页(&amp;X)</translation>
    </message>
    <message>
        <source>Pre&amp;vious tab</source>
        <translation>上一个标签页(&amp;V)</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <source>Suspect (dark outline)</source>
        <translation>犯罪嫌疑人(深色粗边框)</translation>
    </message>
    <message>
        <source>In custody (bars, lower right)</source>
        <translation>在押(右下角栅栏标记)</translation>
    </message>
    <message>
        <source>At large (red dashed ring)</source>
        <translation>在逃(红色虚线圈)</translation>
    </message>
    <message>
        <source>Statements only (dashed)</source>
        <translation>仅有言词证据(虚线)</translation>
    </message>
    <message>
        <source>From another case file (brown badge)</source>
        <translation>来自其他案件(棕色标记)</translation>
    </message>
    <message>
        <source>Pinned (grey badge, upper left)</source>
        <translation>已固定(左上角灰色标记)</translation>
    </message>
</context>
<context>
    <name>LinkChart</name>
    <message>
        <source>Measuring %1 nodes…</source>
        <translation>正在计算 %1 个对象的指标…</translation>
    </message>
    <message>
        <source>%1 nodes in %2 communities</source>
        <translation>%1 个对象,分属 %2 个社群</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>从 %1 到 %2</translation>
    </message>
    <message>
        <source>Select two nodes on the chart (Ctrl+click the second).</source>
        <translation>请在关系图上选中两个对象(按住 Ctrl 单击第二个)。</translation>
    </message>
    <message>
        <source>Select a node on the chart.</source>
        <translation>请在关系图上选中一个对象。</translation>
    </message>
    <message>
        <source>%1 links:</source>
        <translation>共 %1 条关系:</translation>
    </message>
    <message>
        <source>Only nodes of this case file can be expanded.</source>
        <translation>只能展开本案中的对象。</translation>
    </message>
    <message>
        <source>%1 nodes and %2 links added.</source>
        <translation>新增 %1 个对象、%2 条关系。</translation>
    </message>
    <message>
        <source>From other case files (click one to open it): %1</source>
        <translation>来自其他案件(点击案件编号可打开该案件)：%1</translation>
    </message>
    <message>
        <source>Nothing to draw.</source>
        <translation>没有可绘制的内容。</translation>
    </message>
    <message>
        <source>%1 of %2 nodes and %3 of %4 links shown</source>
        <translation>显示 %2 个对象中的 %1 个、%4 条关系中的 %3 条</translation>
    </message>
    <message>
        <source>%1 records could not be drawn (hover for why)</source>
        <translation>%1 条记录无法绘制(悬停查看原因)</translation>
    </message>
    <message>
        <source>moves are not saved: %1</source>
        <translation>位置调整不会保存:%1</translation>
    </message>
    <message>
        <source>Move %1 node(s) on the link chart</source>
        <translation>在关系图上移动 %1 个对象</translation>
    </message>
    <message>
        <source>Move %1 on the link chart</source>
        <translation>在关系图上移动 %1</translation>
    </message>
    <message>
        <source>Select the nodes to pin or unpin first.</source>
        <translation>请先选中要固定或取消固定的对象。</translation>
    </message>
    <message>
        <source>Pin %1 node(s)</source>
        <translation>固定 %1 个对象</translation>
    </message>
    <message>
        <source>Unpin %1 node(s)</source>
        <translation>取消固定 %1 个对象</translation>
    </message>
    <message>
        <source>Lay out the link chart: %1</source>
        <translation>关系图布局:%1</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export link chart</source>
        <translation>导出关系图</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Link chart</source>
        <translation>关系图</translation>
    </message>
    <message>
        <source>Phone numbers and bank accounts come from imported records and have no form.</source>
        <translation>电话号码和银行账户来自导入的话单或流水,没有可编辑的表单。</translation>
    </message>
    <message>
        <source>%1 is recorded in case %2: open that case to edit it.</source>
        <translation>%1 记录在案件 %2 中:请打开该案件进行编辑。</translation>
    </message>
    <message>
        <source>%1 is hidden by the filter of its table.</source>
        <translation>%1 被其所在表格的筛选条件隐藏。</translation>
    </message>
    <message>
        <source>This link comes from the records themselves (owner, seizure, imported calls or transfers): edit those records.</source>
        <translation>该关系来自记录本身(车主、扣押、导入的通话或转账):请编辑相应记录。</translation>
    </message>
    <message>
        <source>This line stands for %1 links: show links apart to open one.</source>
        <translation>该连线代表 %1 条关系:请分开显示关系后再打开其中一条。</translation>
    </message>
    <message>
        <source>This link is recorded in case %1: open that case to edit it.</source>
        <translation>该关系记录在案件 %1 中:请打开该案件进行编辑。</translation>
    </message>
    <message>
        <source>suspect</source>
        <translation>犯罪嫌疑人</translation>
    </message>
    <message>
        <source>From case %1 (another case file)</source>
        <translation>来自案件 %1(其他案件)</translation>
    </message>
    <message>
        <source>Also in: %1</source>
        <translation>另见于:%1</translation>
    </message>
    <message>
        <source>%1 relations (calls, transfers or records)</source>
        <translation>%1 次关系(通话、转账或记录)</translation>
    </message>
    <message>
        <source>Period: %1 to %2</source>
        <translation>期间:%1 至 %2</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>合计:%1</translation>
    </message>
    <message>
        <source>Evidence: %1</source>
        <translation>证据:%1</translation>
    </message>
    <message>
        <source>Statements only (drawn dashed)</source>
        <translation>仅有言词证据(虚线)</translation>
    </message>
</context>
<context>
    <name>LinkChartTab</name>
    <message>
        <source>Force-directed</source>
        <translation>力导向</translation>
    </message>
    <message>
        <source>Hierarchy (suppliers above buyers)</source>
        <translation>层级(上线在上、下线在下)</translation>
    </message>
    <message>
        <source>Circle, grouped by kind</source>
        <translation>环形(按类型分组)</translation>
    </message>
    <message>
        <source>Peacock around the selected node</source>
        <translation>孔雀开屏(以选中对象为中心)</translation>
    </message>
    <message>
        <source>Lay out</source>
        <translation>布局</translation>
    </message>
    <message>
        <source>Place the nodes by the chosen layout; pinned nodes stay (Ctrl+Z undoes)</source>
        <translation>按所选布局排列对象;已固定的对象不动(Ctrl+Z 可撤销)</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>Keep the selected nodes where they are in layouts</source>
        <translation>重新布局时保持选中对象的位置不变</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消固定</translation>
    </message>
    <message>
        <source>One line per pair</source>
        <translation>每对对象一条连线</translation>
    </message>
    <message>
        <source>Show the links between two nodes as one line (count, dates, total) or apart</source>
        <translation>两个对象之间的多条关系合并为一条连线(显示次数、日期、金额合计)或分开显示</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全图</translation>
    </message>
    <message>
        <source>Show the whole chart (Home)</source>
        <translation>显示整个关系图(Home 键)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>PNG image…</source>
        <translation>PNG 图片…</translation>
    </message>
    <message>
        <source>SVG drawing…</source>
        <translation>SVG 矢量图…</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>布局方式</translation>
    </message>
    <message>
        <source>Show the records without links</source>
        <translation>仍然显示这些没有关系的记录</translation>
    </message>
    <message>
        <source>Key players</source>
        <translation>关键人物</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Expand</source>
        <translation>展开</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>The workbench is locked</source>
        <translation>工作台已锁定</translation>
    </message>
    <message>
        <source>The case data is hidden and the database is closed. Enter the passphrase to continue where you left off.</source>
        <translation>案件数据已隐藏，数据库已关闭。请输入口令，继续之前的工作。</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>not needed: your client certificate signs you in</source>
        <translation>无需输入：由您的客户端证书登录</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
    <message>
        <source>%1 can no longer sign in to this database.</source>
        <translation>用户 %1 已无法登录此数据库。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Import file…</source>
        <translation>导入文件(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Task Force Workbench</source>
        <translation>专案组工作台</translation>
    </message>
    <message>
        <source>%1 (%2) on %3</source>
        <translation>%1（%2）— %3</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Settin&amp;gs…</source>
        <translation>设置(&amp;G)…</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Columns</source>
        <translation>列对应</translation>
    </message>
    <message>
        <source>Which column holds each field? Guessed from the header; * is required.</source>
        <translation>每个字段取自哪一列?已按表头自动猜测;* 为必填。</translation>
    </message>
    <message>
        <source>Save as preset…</source>
        <translation>另存为预设…</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>预设:</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>(不导入)</translation>
    </message>
    <message>
        <source>(guessed from the header)</source>
        <translation>(按表头猜测)</translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation>保存预设</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称:</translation>
    </message>
    <message>
        <source>Still needed: %1</source>
        <translation>尚缺:%1</translation>
    </message>
    <message>
        <source>Used for two fields: %1</source>
        <translation>同一列用于两个字段:%1</translation>
    </message>
</context>
<context>
    <name>MetricsModel</name>
    <message>
        <source>Node</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Degree</source>
        <translation>度</translation>
    </message>
    <message>
        <source>Betweenness</source>
        <translation>中介中心性</translation>
    </message>
    <message>
        <source>Closeness</source>
        <translation>接近中心性</translation>
    </message>
    <message>
        <source>Eigenvector</source>
        <translation>特征向量中心性</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社群</translation>
    </message>
</context>
<context>
    <name>Namesakes</name>
    <message>
        <source>This ID number is already on file: %1, born %2, ID %3. Saving adds that same person to this case.</source>
        <translation>该身份证号已在库:%1,出生于 %2,身份证号 %3。保存后将把同一人员加入本案。</translation>
    </message>
    <message>
        <source>On file in: %1.</source>
        <translation>已见于:%1。</translation>
    </message>
    <message numerus="yes">
        <source>Also in %n case file(s) you cannot open.</source>
        <translation>
            <numerusform>另见于您无权查看的 %n 起案件。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>Case file</source>
        <translation>案件信息</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>主要数据</translation>
    </message>
    <message>
        <source>Seized drugs (net weight)</source>
        <translation>缴获毒品(净重)</translation>
    </message>
    <message>
        <source>Task force</source>
        <translation>专案组</translation>
    </message>
    <message>
        <source>Running custody deadlines</source>
        <translation>进行中的羁押期限</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>届满日期</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警示</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>案件级别：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>案件类别：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>案件状态：</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>承办单位：</translation>
    </message>
    <message>
        <source>Case lead:</source>
        <translation>主办人：</translation>
    </message>
    <message>
        <source>Opened:</source>
        <translation>立案日期：</translation>
    </message>
    <message>
        <source>Closed:</source>
        <translation>结案日期：</translation>
    </message>
    <message>
        <source>Summary:</source>
        <translation>简要案情：</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>案件来源：</translation>
    </message>
    <message>
        <source>No task force members recorded.</source>
        <translation>尚未登记专案组成员。</translation>
    </message>
    <message>
        <source>Suspects</source>
        <translation>犯罪嫌疑人</translation>
    </message>
    <message>
        <source>Arrested</source>
        <translation>已逮捕</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>涉案人员</translation>
    </message>
    <message>
        <source>Vehicles</source>
        <translation>涉案车辆</translation>
    </message>
    <message>
        <source>Exhibits</source>
        <translation>检材</translation>
    </message>
    <message>
        <source>Locations</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Cash total:</source>
        <translation>现金合计：</translation>
    </message>
    <message>
        <source>%1 g</source>
        <translation>%1 克</translation>
    </message>
    <message>
        <source>%1 g (precursor chemical)</source>
        <translation>%1 克(易制毒化学品)</translation>
    </message>
    <message>
        <source>No drugs seized.</source>
        <translation>未缴获毒品。</translation>
    </message>
    <message>
        <source>Heroin equivalent:</source>
        <translation>折合海洛因：</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Drugs without a heroin factor are not summed; each keeps its own tier.</source>
        <translation>没有海洛因换算系数的毒品不计入折合数量，各自单独适用数量标准。</translation>
    </message>
    <message>
        <source>Not included:</source>
        <translation>不含：</translation>
    </message>
    <message>
        <source>%1 (by %2)</source>
        <translation>%1(依据：%2)</translation>
    </message>
    <message>
        <source>Quantity tier:</source>
        <translation>数量档次：</translation>
    </message>
    <message>
        <source>Warnings (%1)</source>
        <translation>警示(%1 项)</translation>
    </message>
    <message>
        <source>small quantity</source>
        <translation>少量</translation>
    </message>
    <message>
        <source>relatively large quantity</source>
        <translation>数量较大</translation>
    </message>
    <message>
        <source>large quantity</source>
        <translation>数量大</translation>
    </message>
    <message>
        <source>below the small-quantity threshold</source>
        <translation>低于少量标准</translation>
    </message>
    <message>
        <source>request arrest approval</source>
        <translation>提请批准逮捕</translation>
    </message>
    <message>
        <source>arrest request, extended</source>
        <translation>提请批准逮捕(延长)</translation>
    </message>
    <message>
        <source>arrest request, gang suspect</source>
        <translation>提请批准逮捕(流窜、多次、结伙作案)</translation>
    </message>
    <message>
        <source>procuratorate decision</source>
        <translation>检察院批准逮捕决定</translation>
    </message>
    <message>
        <source>investigation custody ends</source>
        <translation>侦查羁押期限届满</translation>
    </message>
    <message>
        <source>detention term ends</source>
        <translation>拘留期限届满</translation>
    </message>
    <message>
        <source>rehabilitation term ends</source>
        <translation>戒毒期限届满</translation>
    </message>
    <message>
        <source>The case was concluded on %1 (%2): no deadline runs any more.</source>
        <translation>本案已于 %1 %2，期限不再计算。</translation>
    </message>
    <message>
        <source>No custody deadline is running.</source>
        <translation>当前没有进行中的羁押期限。</translation>
    </message>
    <message>
        <source>%1 running, %2 overdue (today %3)</source>
        <translation>进行中 %1 项，已超期 %2 项(今天是 %3)</translation>
    </message>
    <message numerus="yes">
        <source>%n measure(s) concluded: their deadlines stopped.</source>
        <translation>
            <numerusform>%n 项强制措施已终结，其期限不再计算。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>已超期 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PathPage</name>
    <message>
        <source>Select two nodes on the chart (Ctrl+click the second).</source>
        <translation>请在关系图上选中两个对象(按住 Ctrl 单击第二个)。</translation>
    </message>
    <message>
        <source>Fewest links</source>
        <translation>经过关系最少</translation>
    </message>
    <message>
        <source>Forward in time only</source>
        <translation>仅按时间先后</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Follow the arrows</source>
        <translation>按箭头方向</translation>
    </message>
    <message>
        <source>Find path</source>
        <translation>查找路径</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Largest gap between links</source>
        <translation>相邻关系最大间隔</translation>
    </message>
</context>
<context>
    <name>PersonDetail</name>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Found at</source>
        <translation>查获时间</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>查获单位</translation>
    </message>
    <message>
        <source>How</source>
        <translation>查获方式</translation>
    </message>
    <message>
        <source>Substance</source>
        <translation>检出毒品</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>检测结果</translation>
    </message>
    <message>
        <source>Report no.</source>
        <translation>报告编号</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>决定日期</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>期满/解除</translation>
    </message>
    <message>
        <source>Place or office</source>
        <translation>执行场所/街道办</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>文书号</translation>
    </message>
    <message>
        <source>Hand-overs</source>
        <translation>交接</translation>
    </message>
    <message>
        <source>Add &amp;finding…</source>
        <translation>新增查获记录(&amp;F)…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Add &amp;decision…</source>
        <translation>新增决定(&amp;D)…</translation>
    </message>
    <message>
        <source>Record &amp;hand-over…</source>
        <translation>登记交接(&amp;H)…</translation>
    </message>
    <message>
        <source>Running terms and due dates</source>
        <translation>在执行期限与到期事项</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>查获记录</translation>
    </message>
    <message>
        <source>Decisions and hand-overs</source>
        <translation>处置决定与交接</translation>
    </message>
    <message>
        <source>Choose a person from the list.</source>
        <translation>请从左侧列表选择人员。</translation>
    </message>
    <message>
        <source>not found yet</source>
        <translation>尚无查获记录</translation>
    </message>
    <message>
        <source>Status on %1: %2</source>
        <translation>%1 状态：%2</translation>
    </message>
    <message>
        <source>In case files: %1</source>
        <translation>涉及案件：%1</translation>
    </message>
    <message>
        <source>…and in %1 case file(s) you are not a member of</source>
        <translation>……另涉及 %1 起您不是成员的案件</translation>
    </message>
    <message>
        <source>Household address: </source>
        <translation>户籍地址：</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已办</translation>
    </message>
    <message>
        <source>overdue by %1 days</source>
        <translation>已逾期 %1 天</translation>
    </message>
    <message>
        <source>possible now</source>
        <translation>现可办理</translation>
    </message>
    <message>
        <source>in %1 days</source>
        <translation>还有 %1 天</translation>
    </message>
    <message>
        <source> (%1 days)</source>
        <translation>（%1 日）</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>The first %1 rows of %2.</source>
        <translation>%2 的前 %1 行。</translation>
    </message>
    <message>
        <source>%1 bytes, encoding %2, SHA-256 %3…</source>
        <translation>%1 字节,编码 %2,SHA-256 %3…</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>Discard changes?</source>
        <translation>放弃修改?</translation>
    </message>
    <message>
        <source>You changed this form. Close it without saving the changes?</source>
        <translation>本表单已修改。不保存就关闭吗?</translation>
    </message>
    <message>
        <source>&amp;Discard changes</source>
        <translation>放弃修改(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>继续编辑(&amp;K)</translation>
    </message>
</context>
<context>
    <name>RecordTable</name>
    <message>
        <source>Filter: words to find in any text column</source>
        <translation>筛选：在任一文字列中查找</translation>
    </message>
    <message numerus="yes">
        <source>%n matching row(s)</source>
        <translation>
            <numerusform>%n 行符合条件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>共 %n 行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <source>Also in case files: %1</source>
        <extracomment>total number of rows matching the current filter changed (after reload/filter)</extracomment>
        <translation>亦见于案件：%1</translation>
    </message>
    <message>
        <source>The same person on file: %1</source>
        <translation>在库同一人员:%1</translation>
    </message>
    <message>
        <source>Case files in which the same person or vehicle also appears</source>
        <translation>同一人员或车辆还出现在这些案件中</translation>
    </message>
    <message>
        <source>Other cases</source>
        <translation>关联案件</translation>
    </message>
</context>
<context>
    <name>RegistryWindow</name>
    <message>
        <source>&amp;Drug-user registry…</source>
        <translation>吸毒人员管理(&amp;D)…</translation>
    </message>
    <message>
        <source>Findings, decisions and hand-overs of drug users (吸毒人员管理)</source>
        <translation>吸毒人员的查获、处置决定和交接记录</translation>
    </message>
    <message>
        <source>Drug-user &amp;registry record…</source>
        <translation>吸毒人员管理记录(&amp;R)…</translation>
    </message>
    <message>
        <source>Drug-user registry</source>
        <translation>吸毒人员管理</translation>
    </message>
    <message>
        <source>Name, ID number, unit or place</source>
        <translation>姓名、身份证号、单位或地点</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>仅显示逾期</translation>
    </message>
    <message>
        <source>Statuses and due dates as they stood on this day (today by default)</source>
        <translation>按此日期显示当时的状态和到期事项(默认为今天)</translation>
    </message>
    <message>
        <source>&amp;New finding…</source>
        <translation>新增查获(&amp;N)…</translation>
    </message>
    <message>
        <source>A finding of someone named by ID number</source>
        <translation>按身份证号登记查获记录</translation>
    </message>
    <message>
        <source>&amp;Import findings…</source>
        <translation>导入查获记录(&amp;I)…</translation>
    </message>
    <message>
        <source>As of:</source>
        <translation>截至：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Resident ID</source>
        <translation>公民身份号码</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>查获次数</translation>
    </message>
    <message>
        <source>Last found</source>
        <translation>最近查获</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期事项</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Read only: your role may not change the registry.</source>
        <translation>只读：您的角色不能修改吸毒人员管理记录。</translation>
    </message>
    <message>
        <source>The first %1 persons; search to narrow the list</source>
        <translation>前 %1 人；请输入查询条件缩小范围</translation>
    </message>
    <message>
        <source>%1 persons</source>
        <translation>共 %1 人</translation>
    </message>
    <message>
        <source>Add finding %1</source>
        <translation>新增查获记录 %1</translation>
    </message>
    <message>
        <source>Edit finding</source>
        <translation>修改查获记录</translation>
    </message>
    <message>
        <source>Delete this finding? (Undo puts it back.)</source>
        <translation>删除这条查获记录？(可撤销)</translation>
    </message>
    <message>
        <source>Delete finding</source>
        <translation>删除查获记录</translation>
    </message>
    <message>
        <source>A decision rests on a finding: record the finding first.</source>
        <translation>处置决定须依据查获记录：请先登记查获记录。</translation>
    </message>
    <message>
        <source>Add decision for %1</source>
        <translation>为 %1 新增决定</translation>
    </message>
    <message>
        <source>Edit decision</source>
        <translation>修改决定</translation>
    </message>
    <message>
        <source>Delete this decision and its hand-overs? (Undo puts them back.)</source>
        <translation>删除此决定及其交接记录？(可撤销)</translation>
    </message>
    <message>
        <source>Delete decision</source>
        <translation>删除决定</translation>
    </message>
    <message>
        <source>Record hand-over</source>
        <translation>登记交接</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Imported %1: %2 added, %3 already in the case.</source>
        <translation>已导入 %1:新增 %2 条,%3 条案件中已有。</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>已取消:未导入任何数据。</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Search all cases</source>
        <translation>全库检索</translation>
    </message>
    <message>
        <source>Name, alias, ID number, phone, plate, VIN or exhibit number</source>
        <translation>姓名、绰号、身份证号、电话、号牌、车辆识别代号或检材编号</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Born · ID number · role</source>
        <translation>出生日期 · 身份证号 · 角色</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>匹配项</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>匹配内容</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>检索失败：%1</translation>
    </message>
    <message>
        <source>Type to search every case. Enter opens the selected record.</source>
        <translation>输入内容即在所有案件中检索；按回车键打开选中的记录。</translation>
    </message>
    <message>
        <source>No matches.</source>
        <translation>没有找到匹配的记录。</translation>
    </message>
    <message>
        <source>The first %1 matches; type more to narrow them.</source>
        <translation>仅显示前 %1 条结果；请输入更多内容以缩小范围。</translation>
    </message>
    <message>
        <source>%1 in %2.</source>
        <translation>%1，分布在%2中。</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 条结果</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform> %n 起案件</numerusform>
        </translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Exhibit</source>
        <translation>检材</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>绰号</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>号牌号码</translation>
    </message>
    <message>
        <source>VIN</source>
        <translation>车辆识别代号</translation>
    </message>
    <message>
        <source>Exhibit no.</source>
        <translation>检材编号</translation>
    </message>
    <message>
        <source>&amp;Search all cases…</source>
        <translation>全库检索(&amp;S)…</translation>
    </message>
    <message>
        <source>Find a person, vehicle or exhibit in every case</source>
        <translation>在所有案件中查找人员、车辆或检材</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>界面语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Loc&amp;k after idle:</source>
        <translation>空闲后锁定(&amp;K):</translation>
    </message>
    <message>
        <source>&amp;Clear copied ID numbers after:</source>
        <translation>复制的证件号码清除时间(&amp;C)：</translation>
    </message>
    <message>
        <source>A new language takes effect the next time the workbench starts.</source>
        <translation>更改的界面语言将在下次启动工作台时生效。</translation>
    </message>
</context>
<context>
    <name>StatisticsWindow</name>
    <message>
        <source>Stat&amp;istics…</source>
        <translation>统计(&amp;I)…</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Year to date</source>
        <translation>今年以来</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月度</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Half-year</source>
        <translation>半年</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>From … to …</source>
        <translation>自定义起止日期</translation>
    </message>
    <message>
        <source>By unit</source>
        <translation>分单位</translation>
    </message>
    <message>
        <source>&amp;Compute</source>
        <translation>计算(&amp;C)</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>统计期：</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>本期</translation>
    </message>
    <message>
        <source>Same period last year</source>
        <translation>去年同期</translation>
    </message>
    <message>
        <source>Year on year</source>
        <translation>同比</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>统计数字</translation>
    </message>
    <message>
        <source>Monthly chart of:</source>
        <translation>按月图表：</translation>
    </message>
    <message>
        <source>&amp;Records behind the figure…</source>
        <translation>查看明细(&amp;R)…</translation>
    </message>
    <message>
        <source>Export .&amp;xlsx…</source>
        <translation>导出 .xlsx(&amp;X)…</translation>
    </message>
    <message>
        <source>Export &amp;PDF report…</source>
        <translation>导出 PDF 报表(&amp;P)…</translation>
    </message>
    <message>
        <source>Compared with %1 to %2. Computed from the records now; hover a figure for what it counts, double-click it for the records.</source>
        <translation>同比期间 %1 至 %2。数字按当前记录实时计算；鼠标停在指标上可查看统计口径，双击查看明细。</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>(no unit)</source>
        <translation>(未填单位)</translation>
    </message>
    <message>
        <source>Choose a figure first.</source>
        <translation>请先选择一个指标。</translation>
    </message>
    <message>
        <source>Export statistics</source>
        <translation>导出统计</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation>未导出：%1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Timeline</source>
        <translation>时间轴</translation>
    </message>
    <message>
        <source>Audit timeline</source>
        <translation>审计时间轴</translation>
    </message>
    <message>
        <source>Audit trail &amp;timeline…</source>
        <translation>审计日志时间轴(&amp;T)…</translation>
    </message>
    <message>
        <source>Audit trail timeline</source>
        <translation>审计日志时间轴</translation>
    </message>
</context>
<context>
    <name>TimelinePlot</name>
    <message>
        <source>could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
</context>
<context>
    <name>TimelineTab</name>
    <message>
        <source>Lanes by entity</source>
        <translation>按人员/车辆/地点分行</translation>
    </message>
    <message>
        <source>Lanes by kind</source>
        <translation>按事件类型分行</translation>
    </message>
    <message>
        <source>One lane</source>
        <translation>单行显示</translation>
    </message>
    <message>
        <source>Kinds</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Show only some kinds of event</source>
        <translation>只显示部分类型的事件</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Show only the events and measures of some persons</source>
        <translation>只显示所选人员的事件和强制措施</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Fit all</source>
        <translation>全部显示</translation>
    </message>
    <message>
        <source>Zoom to selection</source>
        <translation>缩放到选中</translation>
    </message>
    <message>
        <source>Zoom to the events selected in the table</source>
        <translation>缩放到表格中选中的事件</translation>
    </message>
    <message>
        <source>Zoom to area</source>
        <translation>框选缩放</translation>
    </message>
    <message>
        <source>Drag a rectangle to zoom into</source>
        <translation>拖出矩形区域进行放大</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Save the plot as an image</source>
        <translation>将图表保存为图片</translation>
    </message>
    <message>
        <source>PNG image (print resolution)…</source>
        <translation>PNG 图像(打印分辨率)…</translation>
    </message>
    <message>
        <source>SVG drawing…</source>
        <translation>SVG 矢量图…</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>The event is hidden by the Events table&apos;s filter.</source>
        <translation>该事件被事件表的筛选条件隐藏。</translation>
    </message>
    <message>
        <source>Show everything: events, deadlines and today (Home)</source>
        <translation>全部显示:事件、期限和今天(Home)</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>Show or fold away the legend</source>
        <translation>显示或收起图例</translation>
    </message>
    <message>
        <source>%1 events on %2 lanes, %3 bars, %4 running deadlines (%5 overdue)</source>
        <translation>%2 行共 %1 个事件,%3 个时段,%4 个进行中的期限(%5 个已超期)</translation>
    </message>
    <message>
        <source>approximate date</source>
        <translation>日期不精确(月/年)</translation>
    </message>
    <message>
        <source>custody deadline</source>
        <translation>羁押期限</translation>
    </message>
    <message>
        <source>deadline overdue</source>
        <translation>期限已超</translation>
    </message>
    <message>
        <source>calls per day (call records)</source>
        <translation>每日通话次数(话单)</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>%1: %2 due %3</source>
        <translation>%1:%2,截止 %3</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export timeline</source>
        <translation>导出时间轴</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Wrong passphrase. Check the keyboard layout and Caps Lock, then try again.</source>
        <translation>口令错误。请检查输入法、键盘布局和大写锁定键后重试。</translation>
    </message>
    <message>
        <source>There is no database at this path.</source>
        <translation>该路径下没有数据库文件。</translation>
    </message>
    <message>
        <source>A file already exists at this path; choose another name.</source>
        <translation>该路径下已有同名文件，请另选文件名。</translation>
    </message>
    <message>
        <source>This file is not a workbench database.</source>
        <translation>该文件不是工作台数据库。</translation>
    </message>
    <message>
        <source>The database is damaged; restore it from a backup.</source>
        <translation>数据库已损坏，请从备份恢复。</translation>
    </message>
    <message>
        <source>This user name is not registered in the database.</source>
        <translation>该用户名未在此数据库中登记。</translation>
    </message>
    <message>
        <source>The database could not be opened.</source>
        <translation>无法打开数据库。</translation>
    </message>
    <message>
        <source>Unlock — Task Force Workbench</source>
        <translation>解锁 — 专案组工作台</translation>
    </message>
    <message>
        <source>Task Force Workbench</source>
        <translation>专案组工作台</translation>
    </message>
    <message>
        <source>The key-slot file beside the database is missing or damaged; restore it from the backup.</source>
        <translation>数据库旁的密钥槽文件缺失或已损坏，请从备份恢复。</translation>
    </message>
    <message>
        <source>This user name has no key slot in this database.</source>
        <translation>此数据库中没有该用户名的密钥槽。</translation>
    </message>
    <message>
        <source>Your role does not allow this.</source>
        <translation>您的角色无权执行此操作。</translation>
    </message>
    <message>
        <source>This path is a folder, not a database file; choose the file itself.</source>
        <translation>此路径是文件夹，不是数据库文件；请选择数据库文件本身。</translation>
    </message>
    <message>
        <source>The database is in use by another session; nothing was changed. Close that window or wait for that task to finish, then try again.</source>
        <translation>数据库正被另一个会话使用，未做任何更改。请关闭那个窗口或等待那项任务结束后再试。</translation>
    </message>
    <message>
        <source>The server refused your client certificate. It must be signed by the site CA and carry your user name: check both.</source>
        <translation>服务器拒绝了您的客户端证书。证书须由本单位 CA 签发，并载明您的用户名：请检查这两项。</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the host, port, database, the TLS settings and the network.</source>
        <translation>无法连接服务器。请检查主机、端口、数据库、传输加密设置和网络。</translation>
    </message>
    <message>
        <source>The server address or a certificate file it names cannot be used.</source>
        <translation>服务器地址或其中指定的证书文件无法使用。</translation>
    </message>
    <message>
        <source>Earlier attempts failed: waiting %1 s before this one…</source>
        <translation>此前登录失败：本次尝试前需等待 %1 秒…</translation>
    </message>
    <message>
        <source>Case files are kept in an encrypted database. Sign in with your user name and your own passphrase.</source>
        <translation>案卷保存在加密数据库中。请用您的用户名和您本人的口令登录。</translation>
    </message>
    <message>
        <source>&amp;Open database</source>
        <translation>打开数据库(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;New database</source>
        <translation>新建数据库(&amp;N)</translation>
    </message>
    <message>
        <source>User na&amp;me:</source>
        <translation>用户名(&amp;M):</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Path of the database file</source>
        <translation>数据库文件路径</translation>
    </message>
    <message>
        <source>Open &amp;another…</source>
        <translation>打开其他数据库(&amp;A)…</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>Recent databases:</source>
        <translation>最近使用的数据库：</translation>
    </message>
    <message>
        <source>Several investigators work on the same cases on the task force&apos;s server. Your user name and passphrase are those the administrator gave you there; with a client certificate and its key, the key signs you in.</source>
        <translation>专案组的多名侦查员在服务器上共同办理同一批案件。用户名和口令由服务器管理员分配；使用客户端证书及其私钥时，由私钥完成登录。</translation>
    </message>
    <message>
        <source>Where to save the new database</source>
        <translation>新数据库的保存位置</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>服务器(&amp;S)</translation>
    </message>
    <message>
        <source>server name or address</source>
        <translation>服务器名称或地址</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>verify the server&apos;s certificate (recommended)</source>
        <translation>验证服务器证书（推荐）</translation>
    </message>
    <message>
        <source>encrypt, do not verify</source>
        <translation>加密，但不验证证书</translation>
    </message>
    <message>
        <source>no encryption (this computer only)</source>
        <translation>不加密（仅限本机）</translation>
    </message>
    <message>
        <source>the site CA certificate (.crt)</source>
        <translation>本单位 CA 证书（.crt）</translation>
    </message>
    <message>
        <source>yours, to sign in by certificate (.crt)</source>
        <translation>您本人的证书，用于证书登录（.crt）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>the certificate&apos;s private key (.key)</source>
        <translation>该证书的私钥（.key）</translation>
    </message>
    <message>
        <source>not needed when a client certificate signs you in</source>
        <translation>使用客户端证书登录时无需填写</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <source>Data&amp;base:</source>
        <translation>数据库(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;TLS:</source>
        <translation>传输加密(&amp;T)：</translation>
    </message>
    <message>
        <source>CA certificate:</source>
        <translation>CA 证书：</translation>
    </message>
    <message>
        <source>Client c&amp;ertificate:</source>
        <translation>客户端证书(&amp;E)：</translation>
    </message>
    <message>
        <source>Client &amp;key:</source>
        <translation>客户端私钥(&amp;K)：</translation>
    </message>
    <message>
        <source>Pa&amp;ssphrase:</source>
        <translation>口令(&amp;S)：</translation>
    </message>
    <message>
        <source>Enter the server&apos;s name or address.</source>
        <translation>请输入服务器名称或地址。</translation>
    </message>
    <message>
        <source>The port is a number from 1 to 65535.</source>
        <translation>端口应为 1 至 65535 之间的数字。</translation>
    </message>
    <message>
        <source>Enter the database name.</source>
        <translation>请输入数据库名称。</translation>
    </message>
    <message>
        <source>Choose the site&apos;s CA certificate to verify the server.</source>
        <translation>请选择本单位的 CA 证书，用于验证服务器。</translation>
    </message>
    <message>
        <source>A client certificate needs TLS: choose a TLS mode that encrypts.</source>
        <translation>客户端证书需要传输加密：请选择一种加密的传输方式。</translation>
    </message>
    <message>
        <source>Client key: choose the private key of the client certificate, or clear the certificate to sign in with the passphrase.</source>
        <translation>客户端私钥：请选择该客户端证书的私钥；如用口令登录，请清空证书。</translation>
    </message>
    <message>
        <source>Client certificate: choose the certificate of the client key, or clear the key to sign in with the passphrase.</source>
        <translation>客户端证书：请选择与该私钥配套的证书；如用口令登录，请清空私钥。</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation>客户端证书</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>客户端私钥</translation>
    </message>
    <message>
        <source>%1: other users of this computer may read %2, and such a key is refused. Make it readable by you only (chmod 600).</source>
        <translation>%1：本机其他用户可以读取 %2，这样的私钥会被拒绝。请设为仅您本人可读（chmod 600）。</translation>
    </message>
    <message>
        <source>%1: there is no file at %2.</source>
        <translation>%1：%2 处没有文件。</translation>
    </message>
    <message>
        <source>The site CA certificate</source>
        <translation>本单位 CA 证书</translation>
    </message>
    <message>
        <source>Certificates (*.crt *.pem);;All files (*)</source>
        <translation>证书 (*.crt *.pem);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Your client certificate</source>
        <translation>您的客户端证书</translation>
    </message>
    <message>
        <source>The private key of your client certificate</source>
        <translation>您的客户端证书的私钥</translation>
    </message>
    <message>
        <source>Private keys (*.key *.pem);;All files (*)</source>
        <translation>私钥 (*.key *.pem);;所有文件 (*)</translation>
    </message>
    <message>
        <source>At least %1 characters</source>
        <translation>至少 %1 个字符</translation>
    </message>
    <message>
        <source>The same passphrase again</source>
        <translation>再次输入相同的口令</translation>
    </message>
    <message>
        <source>New file:</source>
        <translation>新文件：</translation>
    </message>
    <message>
        <source>Pass&amp;phrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>确认口令(&amp;R)：</translation>
    </message>
    <message>
        <source>The passphrase cannot be recovered. Without it the database cannot be opened by anyone. You become the database&apos;s administrator.</source>
        <translation>口令一旦遗失无法找回，任何人都将无法打开该数据库。创建者将成为该数据库的管理员。</translation>
    </message>
    <message>
        <source>%1 (not found)</source>
        <translation>%1(文件不存在)</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>创建(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>Open a workbench database</source>
        <translation>打开工作台数据库</translation>
    </message>
    <message>
        <source>Workbench databases (%1);;All files (*)</source>
        <translation>工作台数据库 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Create a workbench database</source>
        <translation>新建工作台数据库</translation>
    </message>
    <message>
        <source>Use a long phrase: several words, digits or symbols, or Chinese.</source>
        <translation>建议使用较长的口令：由多个词组成，可包含数字、符号或汉字。</translation>
    </message>
    <message>
        <source>very weak</source>
        <translation>很弱</translation>
    </message>
    <message>
        <source>weak</source>
        <translation>弱</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>good</source>
        <translation>较强</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>强</translation>
    </message>
    <message>
        <source>at least %1 characters are required</source>
        <translation>至少需要 %1 个字符</translation>
    </message>
    <message>
        <source>%1 or more characters are better</source>
        <translation>建议不少于 %1 个字符</translation>
    </message>
    <message>
        <source>mix letters, digits and symbols</source>
        <translation>请混合使用字母、数字和符号</translation>
    </message>
    <message>
        <source>avoid common words and repeated characters</source>
        <translation>避免使用常见词语和重复字符</translation>
    </message>
    <message>
        <source>the two entries differ</source>
        <translation>两次输入不一致</translation>
    </message>
    <message>
        <source>Strength: %1</source>
        <translation>口令强度：%1</translation>
    </message>
    <message>
        <source> — </source>
        <translation> — </translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>正在连接服务器…</translation>
    </message>
    <message>
        <source>The server asks for your passphrase as well as the certificate: enter it.</source>
        <translation>除证书外，服务器还要求输入口令：请输入口令。</translation>
    </message>
    <message>
        <source>Choose a database file.</source>
        <translation>请选择数据库文件。</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>正在解锁…</translation>
    </message>
    <message>
        <source>Choose where to save the new database.</source>
        <translation>请选择新数据库的保存位置。</translation>
    </message>
    <message>
        <source>The passphrase needs at least %1 characters.</source>
        <translation>口令至少需要 %1 个字符。</translation>
    </message>
    <message>
        <source>The two passphrases differ. Type them again.</source>
        <translation>两次输入的口令不一致，请重新输入。</translation>
    </message>
    <message>
        <source>Creating the encrypted database…</source>
        <translation>正在创建加密数据库…</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Key slot</source>
        <translation>密钥槽</translation>
    </message>
    <message>
        <source>Set &amp;role</source>
        <translation>设置角色(&amp;R)</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>移除(&amp;M)…</translation>
    </message>
    <message>
        <source>At least %1 characters</source>
        <translation>至少 %1 个字符</translation>
    </message>
    <message>
        <source>The same passphrase again</source>
        <translation>再次输入相同口令</translation>
    </message>
    <message>
        <source>&amp;Add user</source>
        <translation>添加用户(&amp;A)</translation>
    </message>
    <message>
        <source>New user:</source>
        <translation>新用户：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
    <message>
        <source>Repeat:</source>
        <translation>重复：</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>active</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已移除</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>有</translation>
    </message>
    <message>
        <source>no</source>
        <translation>无</translation>
    </message>
    <message>
        <source>The passphrase needs at least %1 characters.</source>
        <translation>口令至少需要 %1 个字符。</translation>
    </message>
    <message>
        <source>The two passphrases differ. Type them again.</source>
        <translation>两次输入的口令不一致，请重新输入。</translation>
    </message>
    <message>
        <source>Remove %1? The database gets a new key that %1&apos;s passphrase no longer opens. Their entries in the audit trail stay.</source>
        <translation>移除 %1？数据库将换用新密钥，%1 的口令将无法再打开它。其审计记录保留。</translation>
    </message>
    <message>
        <source>Remove user</source>
        <translation>移除用户</translation>
    </message>
    <message>
        <source>&amp;Users…</source>
        <translation>用户管理(&amp;U)…</translation>
    </message>
    <message>
        <source>Only an administrator manages users.</source>
        <translation>只有管理员可以管理用户。</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Start a &amp;new case file…</source>
        <translation>新建案件(&amp;N)…</translation>
    </message>
    <message>
        <source>Choose a case file from the list.</source>
        <translation>请从列表中选择案件。</translation>
    </message>
    <message>
        <source>No case file is open to you yet.</source>
        <translation>您目前还没有可以查看的案件。</translation>
    </message>
    <message>
        <source>You are signed in as %1 (%2). Case files are open to their members only: a case lead of the case or an administrator adds you (Tools ▸ Case members…).</source>
        <translation>您以 %1(%2)身份登录。案件只对其成员开放:需由该案的主办人或管理员将您加入(工具 ▸ 案件成员…)。</translation>
    </message>
    <message>
        <source>Ask one of them:</source>
        <translation>请联系以下人员:</translation>
    </message>
    <message>
        <source>No case lead or administrator is registered yet.</source>
        <translation>尚未登记任何主办人或管理员。</translation>
    </message>
</context>
<context>
    <name>forms</name>
    <message>
        <source>Known</source>
        <translation>已知</translation>
    </message>
    <message>
        <source>g</source>
        <translation>克</translation>
    </message>
    <message>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <source>Edit case</source>
        <translation>编辑案件</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>案件名称</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>案件代号</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>案件类别</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>案件级别</translation>
    </message>
    <message>
        <source>Case status</source>
        <translation>案件状态</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Opened on</source>
        <translation>立案日期</translation>
    </message>
    <message>
        <source>Solved on</source>
        <translation>破案日期</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>Concluded by</source>
        <translation>终结方式</translation>
    </message>
    <message>
        <source>Concluded on</source>
        <translation>终结日期</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>主办人</translation>
    </message>
    <message>
        <source>Case source</source>
        <translation>案件来源</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>简要案情</translation>
    </message>
    <message>
        <source>New person</source>
        <translation>新增涉案人员</translation>
    </message>
    <message>
        <source>Edit person</source>
        <translation>编辑涉案人员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Resident ID number</source>
        <translation>公民身份号码</translation>
    </message>
    <message>
        <source>18 characters; fills birth date and sex</source>
        <translation>18 位；自动填写出生日期和性别</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>绰号/别名</translation>
    </message>
    <message>
        <source>separated by commas</source>
        <translation>多个用逗号分隔</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>文化程度</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Birthplace</source>
        <translation>籍贯</translation>
    </message>
    <message>
        <source>Household address</source>
        <translation>户籍地址</translation>
    </message>
    <message>
        <source>Current address</source>
        <translation>现住址</translation>
    </message>
    <message>
        <source>Prior penalties</source>
        <translation>前科劣迹</translation>
    </message>
    <message>
        <source>Notes on the person</source>
        <translation>人员备注</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>涉案角色</translation>
    </message>
    <message>
        <source>Criminal suspect</source>
        <translation>犯罪嫌疑人</translation>
    </message>
    <message>
        <source>Custody status</source>
        <translation>人员状态</translation>
    </message>
    <message>
        <source>Sent for prosecution on</source>
        <translation>移送起诉日期</translation>
    </message>
    <message>
        <source>Notes in this case</source>
        <translation>本案备注</translation>
    </message>
    <message>
        <source>In this case</source>
        <translation>本案信息</translation>
    </message>
    <message>
        <source>New measure</source>
        <translation>新增强制措施</translation>
    </message>
    <message>
        <source>Edit measure</source>
        <translation>编辑强制措施</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>强制措施</translation>
    </message>
    <message>
        <source>Decided on</source>
        <translation>决定日期</translation>
    </message>
    <message>
        <source>Starts on</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Extensions</source>
        <translation>延长次数</translation>
    </message>
    <message>
        <source>Document no.</source>
        <translation>文书编号</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>场所</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>A plate or a VIN is required</source>
        <translation>号牌号码和车辆识别代号至少填写一项</translation>
    </message>
    <message>
        <source>New vehicle</source>
        <translation>新增涉案车辆</translation>
    </message>
    <message>
        <source>Edit vehicle</source>
        <translation>编辑涉案车辆</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>号牌号码</translation>
    </message>
    <message>
        <source>e.g. 豫D12345</source>
        <translation>例如 豫D12345</translation>
    </message>
    <message>
        <source>VIN</source>
        <translation>车辆识别代号</translation>
    </message>
    <message>
        <source>Make</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>Notes on the vehicle</source>
        <translation>车辆备注</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Seized</source>
        <translation>已扣押</translation>
    </message>
    <message>
        <source>Seized on</source>
        <translation>扣押日期</translation>
    </message>
    <message>
        <source>New exhibit</source>
        <translation>新增检材</translation>
    </message>
    <message>
        <source>Edit exhibit</source>
        <translation>编辑检材</translation>
    </message>
    <message>
        <source>Exhibit no.</source>
        <translation>检材编号</translation>
    </message>
    <message>
        <source>Drug</source>
        <translation>毒品种类</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>形态</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>包数</translation>
    </message>
    <message>
        <source>Packages sampled</source>
        <translation>取样包数</translation>
    </message>
    <message>
        <source>Gross weight</source>
        <translation>毛重</translation>
    </message>
    <message>
        <source>Packaging</source>
        <translation>皮重(包装)</translation>
    </message>
    <message>
        <source>Net weight</source>
        <translation>净重</translation>
    </message>
    <message>
        <source>Scale resolution</source>
        <translation>衡器分度值</translation>
    </message>
    <message>
        <source>Purity</source>
        <translation>含量</translation>
    </message>
    <message>
        <source>Seized at</source>
        <translation>查获时间</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>查获地点</translation>
    </message>
    <message>
        <source>Seized from</source>
        <translation>查获对象</translation>
    </message>
    <message>
        <source>Lab report no.</source>
        <translation>鉴定书编号</translation>
    </message>
    <message>
        <source>Sent for testing on</source>
        <translation>送检日期</translation>
    </message>
    <message>
        <source>Exhibit status</source>
        <translation>检材状态</translation>
    </message>
    <message>
        <source>Complex case (7 days to test)</source>
        <translation>疑难复杂案件(7 日内送检)</translation>
    </message>
    <message>
        <source>New asset</source>
        <translation>新增涉案财物</translation>
    </message>
    <message>
        <source>Edit asset</source>
        <translation>编辑涉案财物</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>处置措施</translation>
    </message>
    <message>
        <source>Seized or frozen on</source>
        <translation>扣押/冻结日期</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>开户行</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>New location</source>
        <translation>新增地点</translation>
    </message>
    <message>
        <source>Edit location</source>
        <translation>编辑地点</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>New event</source>
        <translation>新增事件</translation>
    </message>
    <message>
        <source>Edit event</source>
        <translation>编辑事件</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Known to the</source>
        <translation>时间精确到</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>信息来源</translation>
    </message>
    <message>
        <source>New link</source>
        <translation>新增关系</translation>
    </message>
    <message>
        <source>Edit link</source>
        <translation>编辑关系</translation>
    </message>
    <message>
        <source>From kind</source>
        <translation>来源类别</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>关系类型</translation>
    </message>
    <message>
        <source>To kind</source>
        <translation>去向类别</translation>
    </message>
    <message>
        <source>To</source>
        <translation>去向</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>New custody entry</source>
        <translation>新增保管交接记录</translation>
    </message>
    <message>
        <source>Edit custody entry</source>
        <translation>编辑保管交接记录</translation>
    </message>
    <message>
        <source>Item kind</source>
        <translation>物品类别</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物品</translation>
    </message>
    <message>
        <source>Handed over by</source>
        <translation>移交人</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>接收人</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Found at</source>
        <translation>查获时间</translation>
    </message>
    <message>
        <source>Substance</source>
        <translation>检出毒品</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>检测结果</translation>
    </message>
    <message>
        <source>Test method</source>
        <translation>检测方法</translation>
    </message>
    <message>
        <source>How found</source>
        <translation>查获方式</translation>
    </message>
    <message>
        <source>Finding unit</source>
        <translation>查获单位</translation>
    </message>
    <message>
        <source>Test report no.</source>
        <translation>检测报告编号</translation>
    </message>
    <message>
        <source>Case file</source>
        <translation>所属案件</translation>
    </message>
    <message>
        <source>code of the case it was made in, if any</source>
        <translation>查获所在案件的编号(如有)</translation>
    </message>
    <message>
        <source>needed for someone not yet on file</source>
        <translation>尚未登记的人员须填写</translation>
    </message>
    <message>
        <source>Rests on the finding</source>
        <translation>依据的查获记录</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决定类型</translation>
    </message>
    <message>
        <source>Days (detention)</source>
        <translation>拘留天数</translation>
    </message>
    <message>
        <source>administrative detention only</source>
        <translation>仅用于行政拘留</translation>
    </message>
    <message>
        <source>Months (community recovery)</source>
        <translation>期限(月,社区康复)</translation>
    </message>
    <message>
        <source>Extension in months (isolation)</source>
        <translation>延长月数(强制隔离戒毒)</translation>
    </message>
    <message>
        <source>Ended on (early release, change)</source>
        <translation>解除日期(提前解除、变更)</translation>
    </message>
    <message>
        <source>End reason</source>
        <translation>解除原因</translation>
    </message>
    <message>
        <source>Place (detention house, centre)</source>
        <translation>执行场所(拘留所、戒毒所)</translation>
    </message>
    <message>
        <source>Township or street office</source>
        <translation>乡镇/街道办事处</translation>
    </message>
    <message>
        <source>Deciding unit</source>
        <translation>决定单位</translation>
    </message>
    <message>
        <source>Decision no.</source>
        <translation>决定书编号</translation>
    </message>
    <message>
        <source>Hand-over</source>
        <translation>交接类型</translation>
    </message>
    <message>
        <source>On</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>查获记录</translation>
    </message>
    <message>
        <source>New drug-use finding</source>
        <translation>新增吸毒查获记录</translation>
    </message>
    <message>
        <source>Edit drug-use finding</source>
        <translation>修改吸毒查获记录</translation>
    </message>
    <message>
        <source>New decision</source>
        <translation>新增处置决定</translation>
    </message>
    <message>
        <source>Edit decision</source>
        <translation>修改处置决定</translation>
    </message>
    <message>
        <source>Record a hand-over</source>
        <translation>登记交接</translation>
    </message>
</context>
<context>
    <name>undo</name>
    <message>
        <source>New case %1</source>
        <translation>新建案件 %1</translation>
    </message>
    <message>
        <source>Edit case %1</source>
        <translation>编辑案件 %1</translation>
    </message>
    <message>
        <source>Add person %1</source>
        <translation>新增涉案人员 %1</translation>
    </message>
    <message>
        <source>Edit person %1</source>
        <translation>编辑人员 %1</translation>
    </message>
    <message>
        <source>Edit the case role of %1</source>
        <translation>编辑 %1 的涉案角色</translation>
    </message>
    <message>
        <source>Remove %1 from the case</source>
        <translation>将 %1 移出本案</translation>
    </message>
    <message>
        <source>Add %2 %1</source>
        <translation>新增%2 %1</translation>
    </message>
    <message>
        <source>Edit %2 %1</source>
        <translation>编辑%2 %1</translation>
    </message>
    <message>
        <source>Delete %2 %1</source>
        <translation>删除%2 %1</translation>
    </message>
    <message>
        <source>Add vehicle %1</source>
        <translation>新增涉案车辆 %1</translation>
    </message>
    <message>
        <source>Edit vehicle %1</source>
        <translation>编辑车辆 %1</translation>
    </message>
    <message>
        <source>Remove vehicle %1 from the case</source>
        <translation>将车辆 %1 移出本案</translation>
    </message>
    <message>
        <source>Add attachment %1</source>
        <translation>添加附件 %1</translation>
    </message>
    <message>
        <source>Remove attachment %1</source>
        <translation>移除附件 %1</translation>
    </message>
    <message>
        <source>Your role does not allow this change.</source>
        <translation>您的角色无权进行此项修改。</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>撤销(&amp;U) %1</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>重做(&amp;R) %1</translation>
    </message>
    <message>
        <source>The change was not made</source>
        <translation>未能完成此项更改</translation>
    </message>
</context>
</TS>
