; 督办台 (Duban Desk) — Inno Setup 6 script: the Windows setup program.
;
; Built by installers\build_windows.bat after PyInstaller has made dist\duban\:
;     iscc /DAppVersion=0.1.0 installers\windows\duban.iss   →  dist\duban-desk-0.1.0-setup.exe
; Relative paths below are relative to this file's folder (Inno's default SourceDir).
;
; - Chinese wizard (ChineseSimplified.isl: a copy beside this file wins, else the one in Inno's Languages folder).
; - Per-user install without admin rights (PrivilegesRequired=lowest): %LOCALAPPDATA%\Programs\DubanDesk.
; - Fixed AppId: upgrades replace the same installation, never a second one.
; - The user's data (%LOCALAPPDATA%\DubanDesk\DubanDesk: database, backups, logs) is not inside {app} and is
;   never listed here, so neither an upgrade nor the uninstaller touches it.
; - File association for the program's database backups (the store's BACKUP_SUFFIX, .sqlite3): because the
;   suffix is generic SQLite, 督办台 is added to "打开方式" (OpenWithProgids) instead of taking over the default.
; This file is UTF-8 with a byte order mark: Inno Setup reads it as Unicode only with the BOM.

#define AppName "督办台"
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\duban"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#define AppExe "duban.exe"
#define BackupExt ".sqlite3"
#define BackupProgId "DubanDesk.Backup"

#if FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseMessages AddBackslash(SourcePath) + "ChineseSimplified.isl"
#else
  #define ChineseMessages "compiler:Languages\ChineseSimplified.isl"
#endif

[Setup]
AppId={{6F1C2B7E-3D94-4E58-A1B6-0C7D92E4F3A5}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=督办台
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\DubanDesk
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=duban-desk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\duban.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "{#ChineseMessages}"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "associate"; Description: "在“打开方式”中加入督办台（数据库备份 {#BackupExt} 文件）"; GroupDescription: "文件关联："

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA is HKEY_CURRENT_USER for a per-user install: no admin rights needed, removed by the uninstaller.
Root: HKA; Subkey: "Software\Classes\{#BackupExt}\OpenWithProgids"; ValueType: string; ValueName: "{#BackupProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#BackupProgId}"; ValueType: string; ValueName: ""; ValueData: "督办台数据库备份"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#BackupProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#BackupProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" --db ""%1"""; Tasks: associate

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
