<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>%n open item(s): double-click one to show the record. Exporting anyway prints them on a page headed &quot;Open items&quot;.</source>
        <translation>
            <numerusform>%n open item: double-click it to show the record. Exporting anyway prints it on a page headed &quot;Open items&quot;.</numerusform>
            <numerusform>%n open items: double-click one to show the record. Exporting anyway prints them on a page headed &quot;Open items&quot;.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Namesakes</name>
    <message numerus="yes">
        <source>Also in %n case file(s) you cannot open.</source>
        <translation>
            <numerusform>Also in %n case file you cannot open.</numerusform>
            <numerusform>Also in %n case files you cannot open.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message numerus="yes">
        <source>%n measure(s) concluded: their deadlines stopped.</source>
        <translation>
            <numerusform>%n measure concluded: its deadlines stopped.</numerusform>
            <numerusform>%n measures concluded: their deadlines stopped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordTable</name>
    <message numerus="yes">
        <source>%n matching row(s)</source>
        <translation>
            <numerusform>%n matching row</numerusform>
            <numerusform>%n matching rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
</context>
</TS>
