; Dossier Desk — Windows installer (NSIS 3, Modern UI 2).
;
; Built by packaging/build.sh (or the Windows workflow) from the frozen one-folder build:
;   makensis -WX -DVERSION=<pyproject version> [-DVERSION_QUAD=a.b.c.d] [-DDIST=dist\dossier-desk]
;            [-DOUTDIR=dist] [-DCOMPRESSOR=zlib] installer.nsi
;
; Per-machine install into Program Files. For court IT:
;   DossierDesk-<version>-setup.exe /S [/STORE=postgresql+psycopg://user@host/db] [/NODESKTOP] [/D=C:\path]
; /S silent, /STORE= the court's store URL for every user of the machine (HKLM), /NODESKTOP no
; desktop shortcut, /D= install folder (last, unquoted). Exit code 0 on success, 1 cancelled or
; failed, 2 bad /STORE value, 3 Dossier Desk still running.
; Upgrading installs over the previous version in place: program files are replaced, the
; store URL and every user's data and settings (%APPDATA%, %LOCALAPPDATA%) are left alone.

Unicode true
ManifestDPIAware true

!ifndef VERSION
  !error "VERSION is not defined. Build with: makensis -DVERSION=<version in pyproject.toml> installer.nsi (packaging/build.sh passes it)."
!endif
!ifndef VERSION_QUAD
  !define VERSION_QUAD "${VERSION}.0"
!endif
!ifndef DIST
  !define DIST "dist\dossier-desk"
!endif
!ifndef OUTDIR
  !define OUTDIR "dist"
!endif
; Release builds pack best with solid LZMA; a CI check of the script can pass -DCOMPRESSOR=zlib.
!ifndef COMPRESSOR
  !define COMPRESSOR "/SOLID lzma"
!endif

!define PRODUCT "Dossier Desk"
!define PUBLISHER "Dossier Desk"
!define APP_EXE "DossierDesk.exe"
!define CONSOLE_EXE "dossier-desk.exe"
!define ADMIN_EXE "dossier-admin.exe"
!define SETTINGS_KEY "Software\DossierDesk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\DossierDesk"
!define PROGID "DossierDesk.Document"
!define RUNNING_MUTEX "DossierDeskRunning"
!define EXIT_BAD_STORE 2
!define EXIT_RUNNING 3

Name "${PRODUCT} ${VERSION}"
OutFile "${OUTDIR}\DossierDesk-${VERSION}-setup.exe"
InstallDir "$PROGRAMFILES64\${PRODUCT}"
RequestExecutionLevel admin
SetCompressor ${COMPRESSOR}
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${PRODUCT} setup"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "Proprietary"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"
!include "nsDialogs.nsh"
!include "Sections.nsh"

Var StoreUrl          ; what will be written; "" removes the machine-wide setting
Var StoreGiven        ; 1 when /STORE= was on the command line
Var StoreField

!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_SMALLDESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
Page custom StorePageShow StorePageLeave
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the fallback; otherwise the one matching Windows' display language.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString SecMainName ${LANG_ENGLISH} "Dossier Desk (required)"
LangString SecMainName ${LANG_SIMPCHINESE} "Dossier Desk（必需）"
LangString SecMainDesc ${LANG_ENGLISH} "The application, its Start-menu shortcut, and Dossier Desk in the $\"Open with$\" list for PDF files (the default PDF program is not changed)."
LangString SecMainDesc ${LANG_SIMPCHINESE} "应用程序、开始菜单快捷方式，并将 Dossier Desk 加入 PDF 文件的“打开方式”列表（不更改默认的 PDF 程序）。"
LangString SecDesktopName ${LANG_ENGLISH} "Desktop shortcut"
LangString SecDesktopName ${LANG_SIMPCHINESE} "桌面快捷方式"
LangString SecDesktopDesc ${LANG_ENGLISH} "A Dossier Desk shortcut on the desktop of every user of this computer."
LangString SecDesktopDesc ${LANG_SIMPCHINESE} "在本机所有用户的桌面上创建 Dossier Desk 快捷方式。"
LangString StoreTitle ${LANG_ENGLISH} "Court archive store"
LangString StoreTitle ${LANG_SIMPCHINESE} "法院卷宗库"
LangString StoreSubtitle ${LANG_ENGLISH} "Where every user of this computer finds the court's cases."
LangString StoreSubtitle ${LANG_SIMPCHINESE} "本机所有用户从何处访问法院的案件。"
LangString StoreHelp ${LANG_ENGLISH} "Address of the court's shared store (PostgreSQL), for all users of this computer, for example:$\r$\npostgresql+psycopg://dossier@archive.court.local/dossier$\r$\n$\r$\nLeave it empty to keep each user's own local store on this computer. A user can still choose another store with --store or the DOSSIER_STORE environment variable."
LangString StoreHelp ${LANG_SIMPCHINESE} "法院共享卷宗库（PostgreSQL）的地址，适用于本机所有用户，例如：$\r$\npostgresql+psycopg://dossier@archive.court.local/dossier$\r$\n$\r$\n留空则每个用户使用本机上自己的本地卷宗库。用户仍可通过 --store 参数或 DOSSIER_STORE 环境变量选择其他卷宗库。"
LangString StoreBad ${LANG_ENGLISH} "The store address must start with postgresql+psycopg:// (the court's PostgreSQL store). Correct it, or leave the field empty to use a local store on each desk."
LangString StoreBad ${LANG_SIMPCHINESE} "卷宗库地址必须以 postgresql+psycopg:// 开头（法院的 PostgreSQL 卷宗库）。请更正，或留空以在每台电脑上使用本地卷宗库。"
LangString Running ${LANG_ENGLISH} "Dossier Desk is running on this computer. Close it (in every user session) and click Retry, or Cancel to stop."
LangString Running ${LANG_SIMPCHINESE} "Dossier Desk 正在本机运行。请在所有用户会话中关闭它后点击“重试”，或点击“取消”停止。"
LangString Needs64 ${LANG_ENGLISH} "Dossier Desk needs a 64-bit edition of Windows 10 or later."
LangString Needs64 ${LANG_SIMPCHINESE} "Dossier Desk 需要 64 位的 Windows 10 或更高版本。"
LangString PdfType ${LANG_ENGLISH} "PDF document (Dossier Desk)"
LangString PdfType ${LANG_SIMPCHINESE} "PDF 文档（Dossier Desk）"

; ------------------------------------------------------------------ shared helpers

; Sets $R9 to 1 when Dossier Desk runs in this or another session (it holds the named mutexes).
; OpenMutex fails with ERROR_ACCESS_DENIED (5) for another user's mutex: that means it exists too.
!macro _FindRunning prefix
  Function ${prefix}FindRunning
    Push $0
    Push $1
    StrCpy $R9 0
    System::Call 'kernel32::OpenMutexW(i 0x00100000, i 0, w "${RUNNING_MUTEX}") p .r0 ?e'
    Pop $1
    ${If} $0 P<> 0
      System::Call 'kernel32::CloseHandle(p r0)'
      StrCpy $R9 1
    ${ElseIf} $1 = 5
      StrCpy $R9 1
    ${EndIf}
    System::Call 'kernel32::OpenMutexW(i 0x00100000, i 0, w "Global\${RUNNING_MUTEX}") p .r0 ?e'
    Pop $1
    ${If} $0 P<> 0
      System::Call 'kernel32::CloseHandle(p r0)'
      StrCpy $R9 1
    ${ElseIf} $1 = 5
      StrCpy $R9 1
    ${EndIf}
    Pop $1
    Pop $0
  FunctionEnd

  ; Asks to close the app until it is closed; silent runs (and Cancel) quit with EXIT_RUNNING.
  Function ${prefix}RefuseWhileRunning
    retry:
      Call ${prefix}FindRunning
      ${If} $R9 = 1
        MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(Running)" /SD IDCANCEL IDRETRY retry
        SetErrorLevel ${EXIT_RUNNING}
        Quit
      ${EndIf}
  FunctionEnd
!macroend
!insertmacro _FindRunning ""
!insertmacro _FindRunning "un."

; Removes the program files of an installation in $INSTDIR; never user data, never the folder's
; other contents (a user could have chosen a folder that holds other things).
!macro _RemoveProgramFiles
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CONSOLE_EXE}"
  Delete "$INSTDIR\${ADMIN_EXE}"
!macroend

; ------------------------------------------------------------------ installer

Function StorePageShow
  !insertmacro MUI_HEADER_TEXT "$(StoreTitle)" "$(StoreSubtitle)"
  nsDialogs::Create 1018
  Pop $0
  ${If} $0 == error
    Abort
  ${EndIf}
  ${NSD_CreateLabel} 0 0 100% 72u "$(StoreHelp)"
  Pop $0
  ${NSD_CreateText} 0 80u 100% 13u "$StoreUrl"
  Pop $StoreField
  nsDialogs::Show
FunctionEnd

Function StorePageLeave
  ${NSD_GetText} $StoreField $StoreUrl
  Call ValidateStore
  ${If} $R8 = 0
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(StoreBad)"
    Abort
  ${EndIf}
  StrCpy $StoreGiven 1
FunctionEnd

Section "$(SecMainName)" SecMain
  SectionIn RO
  ; The app may have been started since the pages were shown.
  Call RefuseWhileRunning

  ; A previous version elsewhere: its own uninstaller removes it, keeping machine settings.
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 != ""
  ${AndIf} $0 != $INSTDIR
  ${AndIf} ${FileExists} "$0\uninstall.exe"
    ExecWait '"$0\uninstall.exe" /S /KEEPSETTINGS _?=$0'
    Delete "$0\uninstall.exe"
    RMDir "$0"
  ${EndIf}
  ; A previous version here: its program files go first, so that no stale library of the old
  ; version is left next to the new ones.
  !insertmacro _RemoveProgramFiles

  SetOutPath "$INSTDIR"
  File /r "${DIST}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  ; The machine-wide store URL (read by storage/config.py after --store and DOSSIER_STORE).
  ${If} $StoreGiven = 1
    ${If} $StoreUrl == ""
      DeleteRegValue HKLM "${SETTINGS_KEY}" "StoreUrl"
    ${Else}
      WriteRegStr HKLM "${SETTINGS_KEY}" "StoreUrl" "$StoreUrl"
    ${EndIf}
  ${EndIf}
  WriteRegStr HKLM "${SETTINGS_KEY}" "InstallLocation" "$INSTDIR"

  ; "Open with" for PDFs, without taking the default association.
  WriteRegStr HKLM "Software\Classes\${PROGID}" "" "$(PdfType)"
  WriteRegStr HKLM "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKLM "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
  WriteRegStr HKLM "Software\Classes\Applications\${APP_EXE}" "FriendlyAppName" "${PRODUCT}"
  WriteRegStr HKLM "Software\Classes\Applications\${APP_EXE}\DefaultIcon" "" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKLM "Software\Classes\Applications\${APP_EXE}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
  WriteRegStr HKLM "Software\Classes\Applications\${APP_EXE}\SupportedTypes" ".pdf" ""
  WriteRegStr HKLM "Software\Classes\.pdf\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKLM "Software\Classes\.pdf\OpenWithList\${APP_EXE}" "" ""
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; Add/Remove Programs.
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "$(SecDesktopName)" SecDesktop
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
SectionEnd

; After the sections: .onInit names ${SecDesktop}.
Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(Needs64)" /SD IDOK
    SetErrorLevel 1
    Quit
  ${EndIf}
  SetRegView 64
  SetShellVarContext all

  ; An upgrade goes where the previous version is, unless /D= names another folder.
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 != ""
  ${AndIf} $INSTDIR == "$PROGRAMFILES64\${PRODUCT}"
    StrCpy $INSTDIR $0
  ${EndIf}

  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/NODESKTOP" $1
  ${IfNot} ${Errors}
    !insertmacro UnselectSection ${SecDesktop}
  ${EndIf}

  ; The store URL: /STORE= wins; otherwise the page shows (and a silent upgrade keeps) the
  ; machine's current one.
  StrCpy $StoreGiven 0
  ClearErrors
  ${GetOptions} $R0 "/STORE=" $StoreUrl
  ${If} ${Errors}
    ReadRegStr $StoreUrl HKLM "${SETTINGS_KEY}" "StoreUrl"
  ${Else}
    StrCpy $StoreGiven 1
    Call ValidateStore
    ${If} $R8 = 0
      MessageBox MB_OK|MB_ICONSTOP "$(StoreBad)" /SD IDOK
      SetErrorLevel ${EXIT_BAD_STORE}
      Quit
    ${EndIf}
  ${EndIf}

  Call RefuseWhileRunning
FunctionEnd

; $R8 = 1 when $StoreUrl is empty or a PostgreSQL URL (SQLite is never shared between desks).
Function ValidateStore
  StrCpy $R8 1
  ${If} $StoreUrl == ""
    Return
  ${EndIf}
  StrCpy $0 $StoreUrl 21
  StrCpy $1 $StoreUrl 13
  ${If} $0 != "postgresql+psycopg://"
  ${AndIf} $1 != "postgresql://"
    StrCpy $R8 0
  ${EndIf}
FunctionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecMain} "$(SecMainDesc)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "$(SecDesktopDesc)"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; ------------------------------------------------------------------ uninstaller

Function un.onInit
  SetRegView 64
  SetShellVarContext all
  Call un.RefuseWhileRunning
FunctionEnd

Section "Uninstall"
  !insertmacro _RemoveProgramFiles
  Delete "$INSTDIR\uninstall.exe"
  ; Only when empty: whatever else is in the folder is not ours to delete.
  RMDir "$INSTDIR"

  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"

  DeleteRegValue HKLM "Software\Classes\.pdf\OpenWithProgids" "${PROGID}"
  DeleteRegKey HKLM "Software\Classes\.pdf\OpenWithList\${APP_EXE}"
  DeleteRegKey HKLM "Software\Classes\Applications\${APP_EXE}"
  DeleteRegKey HKLM "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKLM "${UNINSTALL_KEY}"

  ; An upgrade that moves the program keeps the machine's settings; a real uninstall removes
  ; them. Users' own data and settings (%APPDATA%, %LOCALAPPDATA%) are never touched.
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/KEEPSETTINGS" $1
  ${If} ${Errors}
    DeleteRegKey HKLM "${SETTINGS_KEY}"
  ${EndIf}
SectionEnd
