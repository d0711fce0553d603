@echo off
rem 督办台 Windows build: PyInstaller one-folder bundle, Inno Setup installer, portable zip.
rem   installers\build_windows.bat
rem Needs: 64-bit Python 3.11 with the program's dependencies (python -m pip install -e ".[build]"),
rem Inno Setup 6 (iscc on PATH or in its default folder) with ChineseSimplified.isl, Windows 10 tar.exe.
rem Output: dist\duban\, dist\duban-desk-VERSION-setup.exe, dist\duban-desk-VERSION-portable-windows-x64.zip
setlocal
chcp 65001 >nul
cd /d "%~dp0.."
if "%PYTHON%"=="" set "PYTHON=python"

%PYTHON% -c "import PyInstaller" 2>nul
if errorlevel 1 (
  echo Installing PyInstaller ...
  %PYTHON% -m pip install -q -e ".[build]" || goto :failed
)

for /f "usebackq delims=" %%v in (`%PYTHON% -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"`) do set "VERSION=%%v"
if "%VERSION%"=="" goto :failed

%PYTHON% -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller installers\duban.spec || goto :failed

rem Smoke test with a throw-away data folder: the bundle must start and know its version.
set "DUBAN_DATA_DIR=%CD%\build\smoke-data"
dist\duban\duban-cli.exe about | findstr /c:"%VERSION%" >nul || goto :failed
set "DUBAN_DATA_DIR="

set "ISCC="
for %%i in (ISCC.exe) do set "ISCC=%%~$PATH:i"
if "%ISCC%"=="" set "ISCC=%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe"
if not exist "%ISCC%" (
  echo 错误：找不到 Inno Setup 6 的 ISCC.exe，请安装 Inno Setup 6 或把它加入 PATH。
  goto :failed
)
for %%i in ("%ISCC%") do set "ISCC_DIR=%%~dpi"
if not exist "installers\windows\ChineseSimplified.isl" if not exist "%ISCC_DIR%Languages\ChineseSimplified.isl" (
  echo 错误：找不到 ChineseSimplified.isl，请把它放到 installers\windows\ 或 Inno Setup 的 Languages 文件夹。
  goto :failed
)
"%ISCC%" /Q /DAppVersion=%VERSION% installers\windows\duban.iss || goto :failed

set "PORTABLE=build\portable"
if exist "%PORTABLE%" rmdir /s /q "%PORTABLE%"
mkdir "%PORTABLE%"
xcopy /e /i /q dist\duban "%PORTABLE%\duban-desk" >nul || goto :failed
copy /y installers\portable.txt "%PORTABLE%\duban-desk\portable.txt" >nul || goto :failed
if exist "dist\duban-desk-%VERSION%-portable-windows-x64.zip" del "dist\duban-desk-%VERSION%-portable-windows-x64.zip"
tar.exe -a -c -f "dist\duban-desk-%VERSION%-portable-windows-x64.zip" -C "%PORTABLE%" duban-desk || goto :failed

echo dist\duban-desk-%VERSION%-setup.exe
echo dist\duban-desk-%VERSION%-portable-windows-x64.zip
exit /b 0

:failed
echo 构建失败。
exit /b 1
