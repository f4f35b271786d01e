<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AnnotationDialogs</name>
    <message>
        <source>Stamp</source>
        <translation>印章</translation>
    </message>
    <message>
        <source>Stamp label (choose or type one):</source>
        <translation>印章文字（选择或自行输入）：</translation>
    </message>
</context>
<context>
    <name>AnnotationExports</name>
    <message>
        <source>Export review copy…</source>
        <translation>导出审阅副本…</translation>
    </message>
    <message>
        <source>Save the document in the active pane with its annotations written in, for readers without Dossier Desk</source>
        <translation>将当前窗格中的文书连同批注一并写入保存，供未安装卷宗工作台的人员阅读</translation>
    </message>
    <message>
        <source>Annotation summary…</source>
        <translation>批注汇总…</translation>
    </message>
    <message>
        <source>Save a table of the case&apos;s annotations as PDF or Word</source>
        <translation>将本案批注汇总表保存为 PDF 或 Word 文件</translation>
    </message>
    <message>
        <source>Annotation summary — %1</source>
        <translation>批注汇总 — %1</translation>
    </message>
    <message>
        <source>Annotation summary</source>
        <translation>批注汇总</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf);;Word documents (*.docx)</source>
        <translation>PDF 文件 (*.pdf);;Word 文件 (*.docx)</translation>
    </message>
    <message>
        <source>Open a document of the case first, then export its review copy.</source>
        <translation>请先打开本案的一份文书，再导出其审阅副本。</translation>
    </message>
    <message>
        <source>%1 (review copy).pdf</source>
        <translation>%1（审阅副本）.pdf</translation>
    </message>
    <message>
        <source>Open a case first, then export its annotation summary.</source>
        <translation>请先打开一个案件，再导出其批注汇总。</translation>
    </message>
    <message>
        <source>Annotations of %1.pdf</source>
        <translation>%1 批注汇总.pdf</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>The file could not be written: %1. Choose another folder or name and try again.</source>
        <translation>无法写入文件：%1。请换一个文件夹或文件名后重试。</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>AnnotationOverlay</name>
    <message>
        <source>→ p. %1</source>
        <translation>→ 第 %1 页</translation>
    </message>
</context>
<context>
    <name>AnnotationPanel</name>
    <message>
        <source>Highlight</source>
        <translation>高亮</translation>
    </message>
    <message>
        <source>Underline</source>
        <translation>下划线</translation>
    </message>
    <message>
        <source>Strike-out</source>
        <translation>删除线</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <source>Ellipse</source>
        <translation>椭圆</translation>
    </message>
    <message>
        <source>Arrow</source>
        <translation>箭头</translation>
    </message>
    <message>
        <source>Freehand</source>
        <translation>手绘</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Text box</source>
        <translation>文本框</translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation>印记</translation>
    </message>
    <message>
        <source>Cross-reference</source>
        <translation>交叉引用</translation>
    </message>
    <message>
        <source>Annotations of this document</source>
        <translation>本文书的批注</translation>
    </message>
    <message>
        <source>Annotations of the whole case</source>
        <translation>全案批注</translation>
    </message>
    <message>
        <source>List the annotations of the document in the active pane, or of every document of the case</source>
        <translation>列出当前窗格中文书的批注，或本案全部文书的批注</translation>
    </message>
    <message>
        <source>All authors</source>
        <translation>全部作者</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All layers</source>
        <translation>全部图层</translation>
    </message>
    <message>
        <source>My layer</source>
        <translation>我的图层</translation>
    </message>
    <message>
        <source>Others&apos; layers</source>
        <translation>他人的图层</translation>
    </message>
    <message>
        <source>Open and resolved</source>
        <translation>待处理和已解决</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Filter by text…</source>
        <translation>按内容筛选…</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>页</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Reply…</source>
        <translation>回复…</translation>
    </message>
    <message>
        <source>Add a reply to the chosen annotation&apos;s thread</source>
        <translation>在所选批注的讨论中添加回复</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>标为已解决</translation>
    </message>
    <message>
        <source>Mark the chosen annotation resolved</source>
        <translation>将所选批注标为已解决</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Mark the chosen annotation open again</source>
        <translation>将所选批注重新标为待处理</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>%1 of %2 threads</source>
        <translation>显示 %1 / 共 %2 条</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Your reply to %1&apos;s annotation on page %2:</source>
        <translation>回复 %1 在第 %2 页的批注：</translation>
    </message>
</context>
<context>
    <name>AnnotationTools</name>
    <message>
        <source>Select</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Select, move and resize annotations; click a link to follow it</source>
        <translation>选择、移动和调整批注大小；单击链接可跳转</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>高亮</translation>
    </message>
    <message>
        <source>Highlight text: select it with the mouse</source>
        <translation>高亮文字：用鼠标选中文字</translation>
    </message>
    <message>
        <source>Underline</source>
        <translation>下划线</translation>
    </message>
    <message>
        <source>Underline text: select it with the mouse</source>
        <translation>加下划线：用鼠标选中文字</translation>
    </message>
    <message>
        <source>Strike out</source>
        <translation>删除线</translation>
    </message>
    <message>
        <source>Strike text out: select it with the mouse</source>
        <translation>加删除线：用鼠标选中文字</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <source>Draw a rectangle</source>
        <translation>画矩形</translation>
    </message>
    <message>
        <source>Ellipse</source>
        <translation>椭圆</translation>
    </message>
    <message>
        <source>Draw an ellipse</source>
        <translation>画椭圆</translation>
    </message>
    <message>
        <source>Arrow</source>
        <translation>箭头</translation>
    </message>
    <message>
        <source>Draw an arrow from its tail to its head</source>
        <translation>从箭尾拖到箭头，画出箭头</translation>
    </message>
    <message>
        <source>Freehand</source>
        <translation>手绘</translation>
    </message>
    <message>
        <source>Draw freehand</source>
        <translation>徒手绘制</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>便签</translation>
    </message>
    <message>
        <source>Click to place a note</source>
        <translation>单击放置便签</translation>
    </message>
    <message>
        <source>Text box</source>
        <translation>文本框</translation>
    </message>
    <message>
        <source>Drag or click to place a text box</source>
        <translation>拖动或单击放置文本框</translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation>印章</translation>
    </message>
    <message>
        <source>Drag or click to place a stamp (已核实, 存疑, 重点 or your own)</source>
        <translation>拖动或单击加盖印章（已核实、存疑、重点或自定义文字）</translation>
    </message>
    <message>
        <source>Cross-reference</source>
        <translation>交叉引用</translation>
    </message>
    <message>
        <source>Drag a box and choose the page of the case it refers to</source>
        <translation>拖出一个框，再选择它所指向的本案卷宗页</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Colour of new annotations and of the selected one</source>
        <translation>新批注及所选批注的颜色</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Show everyone&apos;s annotations, only yours, or chosen authors&apos;</source>
        <translation>显示所有人的批注、仅显示自己的，或只显示选定作者的</translation>
    </message>
    <message>
        <source>Notes in the margin</source>
        <translation>页边显示便签</translation>
    </message>
    <message>
        <source>Show the texts of notes beside the page</source>
        <translation>在页面旁边显示便签内容</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo the last annotation change (Ctrl+Z)</source>
        <translation>撤销上一次批注修改（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Redo the annotation change undone (Ctrl+Shift+Z)</source>
        <translation>重做已撤销的批注修改（Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <source>Delete annotation</source>
        <translation>删除批注</translation>
    </message>
    <message>
        <source>Delete the selected annotation (Delete)</source>
        <translation>删除所选批注（Delete）</translation>
    </message>
    <message>
        <source>Other colour…</source>
        <translation>其他颜色…</translation>
    </message>
    <message>
        <source>Annotation colour</source>
        <translation>批注颜色</translation>
    </message>
    <message>
        <source>Everyone&apos;s annotations</source>
        <translation>所有人的批注</translation>
    </message>
    <message>
        <source>Mine only</source>
        <translation>仅我的批注</translation>
    </message>
    <message>
        <source>Change colour</source>
        <translation>更改颜色</translation>
    </message>
    <message>
        <source>Mark resolved</source>
        <translation>标为已解决</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Change stamp</source>
        <translation>更改印章</translation>
    </message>
    <message>
        <source>Edit text</source>
        <translation>编辑文字</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>文字：</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>添加%1</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>删除%1</translation>
    </message>
    <message>
        <source>Change %1</source>
        <translation>修改%1</translation>
    </message>
    <message>
        <source>The annotation was not saved</source>
        <translation>批注未保存</translation>
    </message>
    <message>
        <source>(resolved)</source>
        <translation>（已解决）</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>移动%1</translation>
    </message>
    <message>
        <source>Resize %1</source>
        <translation>调整%1大小</translation>
    </message>
    <message>
        <source>Open the linked page in the other pane</source>
        <translation>在另一窗格中打开链接的页面</translation>
    </message>
    <message>
        <source>Edit text…</source>
        <translation>编辑文字…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>ApprovalsDialog</name>
    <message>
        <source>Approvals</source>
        <translation>文书审批</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Made by</source>
        <translation>制作人</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>制作时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>审批意见：</translation>
    </message>
    <message>
        <source>Required when returning a document</source>
        <translation>退回修改时必须填写</translation>
    </message>
    <message>
        <source>Show document</source>
        <translation>查看文书</translation>
    </message>
    <message>
        <source>Approve and seal</source>
        <translation>批准并用印</translation>
    </message>
    <message>
        <source>Return for changes</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Nothing is waiting for your approval.</source>
        <translation>目前没有待您审批的文书。</translation>
    </message>
    <message>
        <source>The seal could not be placed: %1</source>
        <translation>无法加盖印章：%1</translation>
    </message>
    <message>
        <source>The court seal or certificate file cannot be read (%1); ask the administrator to check the generation settings.</source>
        <translation>无法读取法院印章或证书文件（%1），请联系管理员检查文书生成设置。</translation>
    </message>
    <message>
        <source>Approved and sealed: %1</source>
        <translation>已批准并用印：%1</translation>
    </message>
    <message>
        <source>Write in the comment what should be changed, then return it.</source>
        <translation>请在审批意见中写明需要修改的内容，再退回。</translation>
    </message>
    <message>
        <source>Returned to %1: %2</source>
        <translation>已退回%1修改：%2</translation>
    </message>
</context>
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
    <name>CompareSetup</name>
    <message>
        <source>Compare documents</source>
        <translation>比对文书</translation>
    </message>
    <message>
        <source>%1 (this case)</source>
        <translation>%1（本案）</translation>
    </message>
    <message>
        <source>%1 (related: %2)</source>
        <translation>%1（关联：%2）</translation>
    </message>
    <message>
        <source>pages</source>
        <translation>页码</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Document %1:</source>
        <translation>文书 %1：</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Visual</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Compare by:</source>
        <translation>比对方式：</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Compare documents</source>
        <translation>比对文书</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Visual</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Text compares the words; visual compares the page images (scans, seals, signatures)</source>
        <translation>文字方式比对文字内容；图像方式比对页面图像（扫描件、印章、签名）</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>并排</translation>
    </message>
    <message>
        <source>Overlay</source>
        <translation>叠加</translation>
    </message>
    <message>
        <source>Blink</source>
        <translation>闪烁对照</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>File the report into the case</source>
        <translation>将报告归入本案卷宗</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Compare visually</source>
        <translation>改用图像比对</translation>
    </message>
    <message>
        <source>Compare by:</source>
        <translation>比对方式：</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>The comparison was cancelled.</source>
        <translation>比对已取消。</translation>
    </message>
    <message>
        <source>The documents could not be compared: %1</source>
        <translation>无法比对这两份文书：%1</translation>
    </message>
    <message>
        <source>%1 differences; %2 pages inserted, %3 removed.</source>
        <translation>共 %1 处差异；新增 %2 页，删除 %3 页。</translation>
    </message>
    <message>
        <source>No differences found.</source>
        <translation>未发现差异。</translation>
    </message>
    <message>
        <source>%1 pages have no text layer and text recognition (Tesseract) is not installed, so they were not compared by text. Compare them visually, or ask your administrator to install Tesseract with the Chinese language data.</source>
        <translation>有 %1 页没有文字层，且本机未安装文字识别（Tesseract），这些页未按文字比对。请改用图像比对，或请管理员安装 Tesseract 及中文语言包。</translation>
    </message>
    <message>
        <source>Inserted</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Page rotated</source>
        <translation>页面旋转</translation>
    </message>
    <message>
        <source>Page inserted</source>
        <translation>新增页</translation>
    </message>
    <message>
        <source>Page removed</source>
        <translation>删除页</translation>
    </message>
    <message>
        <source>Changed (image)</source>
        <translation>修改（图像）</translation>
    </message>
    <message>
        <source>A p. %1 / B p. %2</source>
        <translation>A 第 %1 页 / B 第 %2 页</translation>
    </message>
    <message>
        <source>Export comparison report</source>
        <translation>导出比对报告</translation>
    </message>
    <message>
        <source>comparison report.pdf</source>
        <translation>比对报告.pdf</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Report not saved</source>
        <translation>报告未保存</translation>
    </message>
    <message>
        <source>The report could not be written: %1. Choose another folder and try again.</source>
        <translation>报告无法写入：%1。请选择其他文件夹后重试。</translation>
    </message>
    <message>
        <source>Comparison %1 / %2</source>
        <translation>比对报告 %1 / %2</translation>
    </message>
    <message>
        <source>Report not filed</source>
        <translation>报告未归档</translation>
    </message>
    <message>
        <source>Compare documents…</source>
        <translation>比对文书…</translation>
    </message>
    <message>
        <source>Cannot compare</source>
        <translation>无法比对</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Annotation changed at another desk</source>
        <translation>批注已在其他电脑上被修改</translation>
    </message>
    <message>
        <source>This annotation was deleted by %1 at %2.</source>
        <translation>此批注已由 %1 于 %2 删除。</translation>
    </message>
    <message>
        <source>Keep it deleted, put your version back as a new annotation, or cancel your change.</source>
        <translation>可以保持删除，把您的版本作为新批注恢复，或取消您的修改。</translation>
    </message>
    <message>
        <source>Restore mine</source>
        <translation>恢复我的版本</translation>
    </message>
    <message>
        <source>Keep it deleted</source>
        <translation>保持删除</translation>
    </message>
    <message>
        <source>This annotation was changed by %1 at %2 (now version %3).</source>
        <translation>此批注已由 %1 于 %2 修改（当前为第 %3 版）。</translation>
    </message>
    <message>
        <source>Keep their version, apply your change on top of theirs, or cancel your change. Nothing has been overwritten.</source>
        <translation>可以保留对方的版本，在对方版本上应用您的修改，或取消您的修改。目前没有覆盖任何内容。</translation>
    </message>
    <message>
        <source>Use mine</source>
        <translation>使用我的修改</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>保留对方的版本</translation>
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
    <name>GenerateDialog</name>
    <message>
        <source>Generate document — %1</source>
        <translation>生成文书 — %1</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>文书模板：</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Reading the dossier to fill in the form…</source>
        <translation>正在读取卷宗以填写表单…</translation>
    </message>
    <message>
        <source>The dossier could not be read; fill in the values by hand.</source>
        <translation>无法读取卷宗，请手工填写各项内容。</translation>
    </message>
    <message>
        <source>PDF made by the built-in converter (MuPDF); install LibreOffice for exact Word layout.</source>
        <translation>PDF 由内置转换器（MuPDF）生成；如需与 Word 版式完全一致，请安装 LibreOffice。</translation>
    </message>
    <message>
        <source>PDF made by LibreOffice.</source>
        <translation>PDF 由 LibreOffice 生成。</translation>
    </message>
    <message>
        <source>Procedural document: it is sealed and filed at once.</source>
        <translation>程序性文书：生成后立即用印并归入卷宗。</translation>
    </message>
    <message>
        <source>Needs approval (%1): it is filed unsealed and sealed when the judge approves it.</source>
        <translation>需经审批（%1）：先以未用印稿归卷，法官批准后再用印。</translation>
    </message>
    <message>
        <source>One entry per line: %1</source>
        <translation>每行一项：%1</translation>
    </message>
    <message>
        <source>One recipient per line: one document each</source>
        <translation>每行一个受送达单位，每个单位生成一份文书</translation>
    </message>
    <message>
        <source>One entry per line</source>
        <translation>每行一项</translation>
    </message>
    <message>
        <source>Show where this value was found</source>
        <translation>查看此内容在卷宗中的出处</translation>
    </message>
    <message>
        <source>Case record</source>
        <translation>案件信息</translation>
    </message>
    <message>
        <source>Court settings</source>
        <translation>法院设置</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>建议值</translation>
    </message>
    <message>
        <source>To fill in</source>
        <translation>待填写</translation>
    </message>
    <message>
        <source>%1 is required.</source>
        <translation>%1为必填项。</translation>
    </message>
    <message>
        <source>Correct the fields marked in red, then generate again.</source>
        <translation>请更正红色标出的项目，然后重新生成。</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>Fill in the required fields, then generate again.</source>
        <translation>请填写必填项，然后重新生成。</translation>
    </message>
    <message>
        <source>The document was not made: %1</source>
        <translation>文书未能生成：%1</translation>
    </message>
    <message>
        <source>The court seal or certificate file cannot be read (%1); ask the administrator to check the generation settings.</source>
        <translation>无法读取法院印章或证书文件（%1），请联系管理员检查文书生成设置。</translation>
    </message>
    <message>
        <source>%1 document(s) sealed and filed in the dossier (PDF by %2).</source>
        <translation>已用印并归入卷宗 %1 份文书（PDF 由 %2 生成）。</translation>
    </message>
    <message>
        <source>%1 document(s) filed; they wait for the judge&apos;s approval (PDF by %2).</source>
        <translation>已归入卷宗 %1 份文书，等待法官审批（PDF 由 %2 生成）。</translation>
    </message>
</context>
<context>
    <name>GenerationMenu</name>
    <message>
        <source>Generate document…</source>
        <translation>生成文书…</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>文书审批</translation>
    </message>
    <message>
        <source>Open a case first, then generate its documents.</source>
        <translation>请先打开案件，再生成该案文书。</translation>
    </message>
    <message>
        <source>%1 filed (PDF by %2).</source>
        <translation>%1 已归卷（PDF 由 %2 生成）。</translation>
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
    <name>LinkTargetDialog</name>
    <message>
        <source>Link to a page</source>
        <translation>链接到某一页</translation>
    </message>
    <message>
        <source>Document:</source>
        <translation>文书：</translation>
    </message>
    <message>
        <source>Page:</source>
        <translation>页码：</translation>
    </message>
    <message>
        <source> of %1</source>
        <translation> / 共 %1 页</translation>
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
    <name>ReviewCopyDialog</name>
    <message>
        <source>Export review copy</source>
        <translation>导出审阅副本</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Flatten: bake the annotations into the pages (they can no longer be edited or hidden)</source>
        <translation>合并到页面：将批注固化到页面内容中（之后无法再编辑或隐藏）</translation>
    </message>
    <message>
        <source>Save the copy as:</source>
        <translation>副本保存为：</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
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
