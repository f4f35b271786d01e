<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CasePicker</name>
    <message>
        <source>Open case</source>
        <translation>打开案件</translation>
    </message>
    <message>
        <source>Filter by case number, cause, stage or party</source>
        <translation>按案号、案由、阶段或当事人筛选</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>案由</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>立案日期</translation>
    </message>
    <message>
        <source>recently opened</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <source>open</source>
        <translation>已打开</translation>
    </message>
    <message>
        <source>No case matches the filter.</source>
        <translation>没有符合筛选条件的案件。</translation>
    </message>
    <message>
        <source>No case is assigned to you. Ask the bureau&apos;s administrator to assign the cases you work on.</source>
        <translation>您名下尚无分配的案件。请联系执行局管理员为您分配承办案件。</translation>
    </message>
</context>
<context>
    <name>CatalogWidget</name>
    <message>
        <source>p. {page}</source>
        <translation>第 {page} 页</translation>
    </message>
    <message>
        <source>p. {first}–{last}</source>
        <translation>第 {first}–{last} 页</translation>
    </message>
    <message>
        <source>{case}  (shared: {parties})</source>
        <translation>{case}（共同当事人：{parties}）</translation>
    </message>
    <message>
        <source>{case}
{court}, stage: {stage}</source>
        <translation>{case}
{court}，阶段：{stage}</translation>
    </message>
    <message>
        <source>Open in left pane</source>
        <translation>在左窗格打开</translation>
    </message>
    <message>
        <source>Open in right pane</source>
        <translation>在右窗格打开</translation>
    </message>
    <message>
        <source>Read volume as one book</source>
        <translation>整卷连续阅览</translation>
    </message>
    <message>
        <source>By volume</source>
        <translation>按卷</translation>
    </message>
    <message>
        <source>By document type</source>
        <translation>按文书类型</translation>
    </message>
    <message>
        <source>By date</source>
        <translation>按日期</translation>
    </message>
    <message>
        <source>By party</source>
        <translation>按当事人</translation>
    </message>
    <message>
        <source>How the documents are grouped</source>
        <translation>卷内材料的分组方式</translation>
    </message>
    <message>
        <source>Filter by title, type or source</source>
        <translation>按标题、类型或来源筛选</translation>
    </message>
    <message>
        <source>Related cases</source>
        <translation>关联案件</translation>
    </message>
    <message>
        <source>Other cases that share a party with this one</source>
        <translation>与本案有相同当事人的其他案件</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>No case open</source>
        <translation>未打开案件</translation>
    </message>
    <message>
        <source>{case_no}  {cause}
{documents} documents, {pages} pages</source>
        <translation>{case_no}  {cause}
共 {documents} 份材料，{pages} 页</translation>
    </message>
    <message>
        <source>Untyped</source>
        <translation>未分类</translation>
    </message>
    <message>
        <source>{year}-{month:02d}</source>
        <translation>{year}年{month}月</translation>
    </message>
    <message>
        <source>Undated</source>
        <translation>日期不详</translation>
    </message>
    <message>
        <source>{name} ({role})</source>
        <translation>{name}（{role}）</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>{label}: {documents} documents, {pages} pages</source>
        <translation>{label}：{documents} 份材料，共 {pages} 页</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>{title}
Volume: {volume}
Source: {source}</source>
        <translation>{title}
卷别：{volume}
来源：{source}</translation>
    </message>
    <message>
        <source>{pages} pages</source>
        <translation>共 {pages} 页</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>Retry now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <source>The archive store is not answering; reconnecting…</source>
        <translation>档案库没有响应，正在重新连接…</translation>
    </message>
    <message>
        <source>Working offline: the archive store cannot be reached.</source>
        <translation>脱机工作：无法连接档案库。</translation>
    </message>
    <message>
        <source>Documents already open keep working. Saving and opening new documents wait until the connection is back; the desk reconnects by itself.</source>
        <translation>已打开的材料可以继续阅览。保存和打开新材料需等连接恢复后进行；本机会自动重新连接。</translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <source>embedded store</source>
        <translation>本机档案库</translation>
    </message>
    <message>
        <source>Connected: %1 · %2</source>
        <translation>已连接：%1 · %2</translation>
    </message>
    <message>
        <source>Reconnecting to %1… · %2</source>
        <translation>正在重新连接%1… · %2</translation>
    </message>
    <message>
        <source>Offline: %1 · %2</source>
        <translation>脱机：%1 · %2</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in document</source>
        <extracomment>Search work per timer slice, in seconds.</extracomment>
        <translation>在文档中查找</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>上一处（Shift+F3）</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>下一处（F3）</translation>
    </message>
    <message>
        <source>Close the find bar (Esc)</source>
        <translation>关闭查找栏（Esc）</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>未找到</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>Imported: %1</source>
        <translation>已导入：%1 份</translation>
    </message>
    <message>
        <source>Already in the case (stored once): %1</source>
        <translation>案卷中已有（只存一份）：%1 份</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>未导入：%1 份</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <source>Checking and storing files…</source>
        <translation>正在检查并保存文件…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was added.</source>
        <translation>导入已取消，未添加任何材料。</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
</context>
<context>
    <name>ImportOptions</name>
    <message>
        <source>Import into the dossier</source>
        <translation>导入卷宗</translation>
    </message>
    <message>
        <source>e.g. 证据, 判决书, 笔录</source>
        <translation>如：证据、判决书、笔录</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>文件数：</translation>
    </message>
    <message>
        <source>Volume:</source>
        <translation>卷别：</translation>
    </message>
    <message>
        <source>Document type:</source>
        <translation>材料类型：</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>Interface language</source>
        <extracomment>The languages the interface is offered in; English is the source text. Where the user&apos;s choice is kept in QSettings.</extracomment>
        <translation>界面语言</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in — Dossier Desk</source>
        <translation>登录 — Dossier Desk</translation>
    </message>
    <message>
        <source>Embedded store on this computer</source>
        <translation>本机内置档案库</translation>
    </message>
    <message>
        <source>Court archive (PostgreSQL)</source>
        <translation>法院档案库（PostgreSQL）</translation>
    </message>
    <message>
        <source>Archive store</source>
        <translation>档案库</translation>
    </message>
    <message>
        <source>Store:</source>
        <translation>档案库：</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>The user name or password is wrong. Check them and try again; an administrator can reset a forgotten password.</source>
        <translation>用户名或密码错误。请核对后重试；忘记密码可请管理员重置。</translation>
    </message>
    <message>
        <source>The archive store cannot be reached. Check the network connection and try again; what you typed is kept.</source>
        <translation>无法连接档案库。请检查网络连接后重试；已输入的内容会保留。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dossier Desk</source>
        <translation>Dossier Desk</translation>
    </message>
    <message>
        <source>Dossier catalog</source>
        <translation>阅卷目录</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Case: </source>
        <translation>案件：</translation>
    </message>
    <message>
        <source>The open cases; switching shows its catalog</source>
        <translation>已打开的案件；切换后显示该案的阅卷目录</translation>
    </message>
    <message>
        <source>Open case…</source>
        <translation>打开案件…</translation>
    </message>
    <message>
        <source>Open another of your cases (Ctrl+O)</source>
        <translation>打开您承办的其他案件（Ctrl+O）</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>%1 — Dossier Desk</source>
        <translation>%1 — Dossier Desk</translation>
    </message>
    <message>
        <source>&amp;Case</source>
        <translation>案件(&amp;C)</translation>
    </message>
    <message>
        <source>Cannot list your cases</source>
        <translation>无法列出您的案件</translation>
    </message>
    <message>
        <source>Cannot open the case</source>
        <translation>无法打开案件</translation>
    </message>
    <message>
        <source>%1 documents</source>
        <translation>%1 份材料</translation>
    </message>
    <message>
        <source>Cannot open the document</source>
        <translation>无法打开材料</translation>
    </message>
    <message>
        <source>Cannot open the volume</source>
        <translation>无法打开该卷</translation>
    </message>
    <message>
        <source>%1 (whole volume)</source>
        <translation>%1（整卷）</translation>
    </message>
    <message>
        <source>Page %1 / %2</source>
        <translation>第 %1 页 / 共 %2 页</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>You are not allowed to do this. Ask the administrator if you should be.</source>
        <translation>您无权进行此操作。如确需办理，请联系系统管理员。</translation>
    </message>
    <message>
        <source>Someone else changed this while you were working on it; nothing was saved. Reload to see their version.</source>
        <translation>您编辑期间他人已修改此内容，本次修改未保存。请重新载入查看对方的版本。</translation>
    </message>
    <message>
        <source>The archive store cannot be reached. Documents already on this desk stay readable, and the connection is retried by itself.</source>
        <translation>无法连接卷宗库。本机已缓存的文件仍可阅读，系统会自动重新连接。</translation>
    </message>
    <message>
        <source>This is no longer in the archive; it may have been removed or moved.</source>
        <translation>卷宗库中已无此项，可能已被删除或移动。</translation>
    </message>
    <message>
        <source>A file in the archive does not match its recorded fingerprint. Do not rely on it; ask IT to run a check of the archive.</source>
        <translation>卷宗库中的文件与其登记的校验值不符。请勿采信该文件，并请信息技术部门对卷宗库进行校验。</translation>
    </message>
    <message>
        <source>This was refused and nothing was changed.</source>
        <translation>操作被拒绝，未作任何更改。</translation>
    </message>
    <message>
        <source>The archive store reported a problem; nothing was changed.</source>
        <translation>卷宗库报告了一个问题，未作任何更改。</translation>
    </message>
    <message>
        <source>Something went wrong; nothing was changed.</source>
        <translation>操作出错，未作任何更改。</translation>
    </message>
</context>
<context>
    <name>OpenCases</name>
    <message>
        <source>Open case…</source>
        <translation>打开案件…</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <source>“%1” has no pages.</source>
        <translation>“%1”没有页面。</translation>
    </message>
    <message>
        <source>There is nothing to show.</source>
        <translation>没有可显示的内容。</translation>
    </message>
    <message>
        <source>The password for “%1” was not accepted. Enter it again.</source>
        <translation>“%1”的密码不正确，请重新输入。</translation>
    </message>
    <message>
        <source>“%1” is protected by a password. Enter the password to open it.</source>
        <translation>“%1”受密码保护，请输入密码后打开。</translation>
    </message>
    <message>
        <source>“%1” could not be opened.</source>
        <translation>无法打开“%1”。</translation>
    </message>
    <message>
        <source>Check the file, or ask for a new copy of it.</source>
        <translation>请检查该文件，或重新索取一份副本。</translation>
    </message>
    <message>
        <source>took too long</source>
        <translation>耗时过长</translation>
    </message>
    <message>
        <source>the renderer stopped unexpectedly</source>
        <translation>渲染进程意外终止</translation>
    </message>
    <message>
        <source>the document&apos;s password is needed</source>
        <translation>需要文档密码</translation>
    </message>
    <message>
        <source>This page could not be rendered (%1).</source>
        <translation>此页无法显示（%1）。</translation>
    </message>
</context>
<context>
    <name>ReaderPane</name>
    <message>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>Back to where you jumped from (Alt+Left)</source>
        <translation>返回跳转前的位置（Alt+Left）</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>前进</translation>
    </message>
    <message>
        <source>Forward again (Alt+Right)</source>
        <translation>重新前进（Alt+Right）</translation>
    </message>
    <message>
        <source>Go to page</source>
        <translation>转到页</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Fit page</source>
        <translation>适合页面</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit the page width to the pane</source>
        <translation>按窗格宽度显示页面</translation>
    </message>
    <message>
        <source>Show the whole page</source>
        <translation>显示整页</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>旋转</translation>
    </message>
    <message>
        <source>Rotate the view by 90°</source>
        <translation>将视图顺时针旋转 90°</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Find text in this pane (Ctrl+F)</source>
        <translation>在本窗格中查找文字（Ctrl+F）</translation>
    </message>
    <message>
        <source>Password required</source>
        <translation>需要密码</translation>
    </message>
    <message>
        <source>This document is encrypted. Enter its password:</source>
        <translation>此文档已加密，请输入密码：</translation>
    </message>
    <message>
        <source> / %1</source>
        <translation> / 共 %1 页</translation>
    </message>
</context>
<context>
    <name>ThumbnailModel</name>
    <message>
        <source>%1 – page %2</source>
        <translation>%1 – 第 %2 页</translation>
    </message>
</context>
<context>
    <name>WindowMenu</name>
    <message>
        <source>Detach left pane</source>
        <translation>分离左窗格</translation>
    </message>
    <message>
        <source>Detach right pane</source>
        <translation>分离右窗格</translation>
    </message>
    <message>
        <source>Detach or dock the active pane</source>
        <translation>分离或停靠当前窗格</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>Link scrolling</source>
        <translation>同步滚动</translation>
    </message>
    <message>
        <source>Scroll both panes together (F9)</source>
        <translation>两个窗格同步滚动（F9）</translation>
    </message>
    <message>
        <source>Page by page</source>
        <translation>逐页对应</translation>
    </message>
    <message>
        <source>In proportion to length</source>
        <translation>按篇幅比例</translation>
    </message>
    <message>
        <source>&amp;Window</source>
        <translation>窗口(&amp;W)</translation>
    </message>
    <message>
        <source>Link mode</source>
        <translation>同步方式</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
</context>
</TS>
