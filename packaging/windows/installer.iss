; Inno Setup 6 script: dist\workbench (packaging\windows\workbench-windows.spec) as one
; signed installer, dist\TaskForceWorkbench-<version>-setup.exe.
;
; NOT BUILT OR TESTED here (no Windows machine): see packaging/README.md.
;
;   iscc /DAppVersion=0.1.0 /Ssigntool="signtool.exe sign /fd SHA256 /tr <RFC 3161 timestamp URL> /td SHA256 /f <cert.pfx> /p <password> $f" packaging\windows\installer.iss
;
; Signing: SignTool=signtool below signs the installer and the uninstaller with the
; command given to iscc as /Ssigntool=... (the certificate never lives in this file).
; The executables inside are signed before this step (build.ps1). Offline workstations
; need the timestamp added on a connected build machine, or an internal timestamp
; authority; a certificate of the force's own enterprise CA must be trusted on them.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Task Force Workbench"
#define AppNameZh "专案组工作台"

[Setup]
; A fixed AppId: upgrades replace the old version in place. Never change it.
AppId={{6F1E4C52-7B7A-4F0B-9C51-2A9D3C1B8E11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Task Force Workbench project
DefaultDirName={autopf}\Task Force Workbench
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
PrivilegesRequired=admin
OutputDir=..\..\dist
OutputBaseFilename=TaskForceWorkbench-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\workbench.ico
UninstallDisplayIcon={app}\workbench-gui.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
SignTool=signtool
SignedUninstaller=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; ChineseSimplified.isl is an unofficial Inno Setup translation: put it in Inno Setup's
; Languages\ folder first (packaging/README.md).
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[CustomMessages]
english.LaunchApp=Start {#AppName}
chinesesimplified.LaunchApp=启动{#AppNameZh}

[Files]
Source: "..\..\dist\workbench\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\workbench-gui.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\workbench-gui.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Run]
Filename: "{app}\workbench-gui.exe"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent
