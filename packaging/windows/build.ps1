# Windows build of the installable app: build venv, PyInstaller, signing, Inno Setup.
# NOT RUN here (no Windows machine): see packaging/README.md. Run from the repository
# root in PowerShell with Python 3.12 (py launcher), Inno Setup 6 (iscc on PATH) and, to
# sign, the Windows SDK's signtool with the code-signing certificate:
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1 [-Sign -Certificate C:\keys\workbench.pfx]
param(
    [switch]$Sign,
    [string]$Certificate = "",
    [string]$Timestamp = "http://timestamp.digicert.com"
)
$ErrorActionPreference = "Stop"

$venv = "build\package-venv"
if (-not (Test-Path "$venv\Scripts\python.exe")) {
    py -3.12 -m venv $venv
    & "$venv\Scripts\python.exe" -m pip install --upgrade pip
}
& "$venv\Scripts\python.exe" -m pip install -c constraints.txt ".[package]"
& "$venv\Scripts\python.exe" -m pip install --no-deps --force-reinstall --no-cache-dir .
& "$venv\Scripts\pyinstaller.exe" --noconfirm --distpath dist --workpath build\pyinstaller `
    packaging\windows\workbench-windows.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# Signing goes here: both executables (and the installer, through Inno Setup's SignTool)
# with SHA-256 and an RFC 3161 timestamp, before anything is copied to a workstation.
$signCommand = ""
if ($Sign) {
    if (-not $Certificate) { throw "-Sign needs -Certificate path\to\cert.pfx" }
    $password = Read-Host -AsSecureString "Certificate password"
    $plain = [Runtime.InteropServices.Marshal]::PtrToStringAuto(
        [Runtime.InteropServices.Marshal]::SecureStringToBSTR($password))
    foreach ($exe in @("dist\workbench\workbench.exe", "dist\workbench\workbench-gui.exe")) {
        signtool sign /fd SHA256 /tr $Timestamp /td SHA256 /f $Certificate /p $plain $exe
        if ($LASTEXITCODE -ne 0) { throw "signing $exe failed" }
    }
    $signCommand = "signtool.exe sign /fd SHA256 /tr $Timestamp /td SHA256 /f `"$Certificate`" /p `"$plain`" `$f"
}

# The frozen app's own check before it is wrapped (a subset of packaging/smoke.sh).
$env:WORKBENCH_PASSPHRASE = "smoke-passphrase"; $env:WORKBENCH_USER = "smoke"
$db = "build\smoke.db"
& dist\workbench\workbench.exe demo --db $db --force
& dist\workbench\workbench.exe case show --db $db PDS-2019-001 --json
& dist\workbench\workbench.exe export-pdf --db $db --case PDS-2019-001 --out build\smoke.pdf --lang zh_CN
$env:QT_QPA_PLATFORM = "offscreen"
& dist\workbench\workbench.exe gui --db $db --case PDS-2019-001 --lang zh_CN --screenshot build\smoke.png --json
Remove-Item Env:\QT_QPA_PLATFORM
& dist\workbench\workbench.exe audit verify --db $db --json
if ($LASTEXITCODE -ne 0) { throw "smoke check failed" }

$version = & "$venv\Scripts\python.exe" -c "import workbench; print(workbench.__version__)"
$iscc = @("/DAppVersion=$version")
if ($Sign) { $iscc += "/Ssigntool=$signCommand" } else { $iscc += "/Ssigntool=cmd /c echo unsigned: `$f" }
iscc @iscc packaging\windows\installer.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Get-FileHash dist\TaskForceWorkbench-$version-setup.exe -Algorithm SHA256 |
    ForEach-Object { "$($_.Hash.ToLower())  TaskForceWorkbench-$version-setup.exe" } |
    Out-File -Encoding ascii dist\SHA256SUMS-windows.txt
