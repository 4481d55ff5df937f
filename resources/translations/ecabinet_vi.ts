<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AgendaEditModel</name>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendaedit.py" line="243"/>
        <source>Item</source>
        <translation>Mục</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendaedit.py" line="243"/>
        <source>Presenter</source>
        <translation>Người trình bày</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendaedit.py" line="243"/>
        <source>Minutes</source>
        <translation>Phút</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/workspace/agendaedit.py" line="254"/>
        <source>%1 (%n page(s))</source>
        <translation>
            <numerusform>%1 (%n trang)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendaedit.py" line="258"/>
        <source>Drop a file here to replace this document.</source>
        <translation>Thả tệp vào đây để thay thế tài liệu này.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendaedit.py" line="273"/>
        <source>Confidential: cleared participants only.</source>
        <translation>Mật: chỉ những người được phép.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendaedit.py" line="274"/>
        <source>Drop files here to attach them.</source>
        <translation>Thả tệp vào đây để đính kèm.</translation>
    </message>
</context>
<context>
    <name>AgendaModel</name>
    <message>
        <location filename="../../ecabinet/ui/agendamodel.py" line="147"/>
        <source>Agenda</source>
        <translation>Chương trình</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/agendamodel.py" line="154"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n phút</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/agendamodel.py" line="163"/>
        <source>%1 (%n page(s))</source>
        <translation>
            <numerusform>%1 (%n trang)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/agendamodel.py" line="176"/>
        <source>Confidential: only cleared participants see this item.</source>
        <translation>Mật: chỉ những người được phép mới thấy nội dung này.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/agendamodel.py" line="178"/>
        <source>New or changed since you last opened this meeting.</source>
        <translation>Mới hoặc đã thay đổi kể từ lần bạn mở cuộc họp này trước đây.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/agendamodel.py" line="180"/>
        <source>Double-click to read.</source>
        <translation>Nhấp đúp để đọc.</translation>
    </message>
</context>
<context>
    <name>AgendaPane</name>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendapane.py" line="124"/>
        <source>Add item</source>
        <translation>Thêm mục</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendapane.py" line="124"/>
        <source>Add an item after the selected one (Ctrl+N)</source>
        <translation>Thêm mục sau mục đang chọn (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendapane.py" line="125"/>
        <source>Remove</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendapane.py" line="125"/>
        <source>Remove the item or detach the document (Del)</source>
        <translation>Xóa mục hoặc gỡ tài liệu đính kèm (Del)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendapane.py" line="126"/>
        <source>Up</source>
        <translation>Lên</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendapane.py" line="126"/>
        <source>Move up (Ctrl+Up)</source>
        <translation>Chuyển lên (Ctrl+Up)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendapane.py" line="127"/>
        <source>Down</source>
        <translation>Xuống</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendapane.py" line="127"/>
        <source>Move down (Ctrl+Down)</source>
        <translation>Chuyển xuống (Ctrl+Down)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendapane.py" line="129"/>
        <source>Indent</source>
        <translation>Thụt vào</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendapane.py" line="130"/>
        <source>Make it a sub-item of the item above (Ctrl+Right)</source>
        <translation>Đưa thành mục con của mục phía trên (Ctrl+Right)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendapane.py" line="132"/>
        <source>Outdent</source>
        <translation>Lùi ra</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendapane.py" line="132"/>
        <source>Move it one level up (Ctrl+Left)</source>
        <translation>Đưa lên một cấp (Ctrl+Left)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendapane.py" line="133"/>
        <source>Attach files…</source>
        <translation>Đính kèm tệp…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendapane.py" line="133"/>
        <source>Attach PDF or office files (Ctrl+O)</source>
        <translation>Đính kèm tệp PDF hoặc tệp văn phòng (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendapane.py" line="138"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendapane.py" line="141"/>
        <source>Drag items to reorder them; drop one onto another to make it a sub-item. Drop files on an item to attach them, or on a document to replace it.</source>
        <translation>Kéo các mục để sắp xếp lại; thả một mục lên mục khác để biến nó thành mục con. Thả tệp lên một mục để đính kèm, hoặc lên một tài liệu để thay thế tài liệu đó.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendapane.py" line="179"/>
        <source>New item</source>
        <translation>Mục mới</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendapane.py" line="212"/>
        <source>%1 h %2 min</source>
        <translation>%1 giờ %2 phút</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendapane.py" line="214"/>
        <source>%1 min</source>
        <translation>%1 phút</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/agendapane.py" line="215"/>
        <source>Total duration: %1</source>
        <translation>Tổng thời lượng: %1</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ecabinet/ui/app.py" line="40"/>
        <source>Passphrase for this computer</source>
        <translation>Cụm mật khẩu cho máy tính này</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/app.py" line="41"/>
        <source>This computer has no system keyring. Choose (or enter) a passphrase that protects your login and document keys on this computer:</source>
        <translation>Máy tính này không có kho khóa của hệ thống. Hãy chọn (hoặc nhập) cụm mật khẩu để bảo vệ thông tin đăng nhập và khóa tài liệu trên máy này:</translation>
    </message>
</context>
<context>
    <name>BackupSection</name>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="143"/>
        <source>Backup of your notes</source>
        <translation>Sao lưu ghi chú</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="144"/>
        <source>Turn on backup…</source>
        <translation>Bật sao lưu…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="145"/>
        <source>Restore from backup…</source>
        <translation>Khôi phục từ bản sao lưu…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="146"/>
        <source>Reading the state of the backup…</source>
        <translation>Đang đọc trạng thái sao lưu…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="168"/>
        <source>Backup is off: your notes are kept on this computer only. Turned on, they are also kept on the server, encrypted with a key only you hold.</source>
        <translation>Sao lưu đang tắt: ghi chú của bạn chỉ được lưu trên máy tính này. Khi bật, ghi chú còn được lưu trên máy chủ, mã hóa bằng khóa chỉ bạn nắm giữ.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="173"/>
        <source>Backup is on: your notes are encrypted on this computer before they go to the server.</source>
        <translation>Sao lưu đang bật: ghi chú của bạn được mã hóa trên máy tính này trước khi gửi lên máy chủ.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="176"/>
        <source>Last backup: %1</source>
        <translation>Sao lưu lần cuối: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="178"/>
        <source>Nothing has been sent yet.</source>
        <translation>Chưa gửi nội dung nào.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/settingsdialog.py" line="181"/>
        <source>%n change(s) wait for the next sync.</source>
        <translation>
            <numerusform>%n thay đổi đang chờ lần đồng bộ tới.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="185"/>
        <source>The server refused part of the backup (%1): %2</source>
        <translation>Máy chủ từ chối một phần bản sao lưu (%1): %2</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="200"/>
        <source>Turning the backup on…</source>
        <translation>Đang bật sao lưu…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="212"/>
        <source>Backup is on. Your notes go to the server with each sync.</source>
        <translation>Đã bật sao lưu. Ghi chú của bạn được gửi lên máy chủ mỗi lần đồng bộ.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="227"/>
        <source>Restoring your notes…</source>
        <translation>Đang khôi phục ghi chú…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/settingsdialog.py" line="232"/>
        <source>%n note(s) restored from the backup.</source>
        <translation>
            <numerusform>Đã khôi phục %n ghi chú từ bản sao lưu.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/settingsdialog.py" line="235"/>
        <source>%n could not be verified and were not kept: %1</source>
        <translation>
            <numerusform>%n ghi chú không xác minh được nên không được giữ lại: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CarrySummaryDialog</name>
    <message>
        <location filename="../../ecabinet/ui/carrydialog.py" line="38"/>
        <source>Your notes and the new version</source>
        <translation>Ghi chú của bạn và phiên bản mới</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/carrydialog.py" line="50"/>
        <source>Open the older version of “%1” (%n note(s) there)</source>
        <translation>
            <numerusform>Mở phiên bản trước của “%1” (có %n ghi chú)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/carrydialog.py" line="69"/>
        <source>%1 — packet version %2</source>
        <translation>%1 — bộ tài liệu phiên bản %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/carrydialog.py" line="74"/>
        <source>%n note(s) moved to the new version</source>
        <translation>
            <numerusform>%n ghi chú đã được chuyển sang phiên bản mới</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/carrydialog.py" line="76"/>
        <source>%n note(s) kept: their documents did not change</source>
        <translation>
            <numerusform>%n ghi chú được giữ nguyên: tài liệu không thay đổi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/carrydialog.py" line="84"/>
        <source>%n note(s) could not be placed on the new version. They are kept on the older version: nothing was lost.</source>
        <translation>
            <numerusform>%n ghi chú không đặt được lên phiên bản mới. Các ghi chú này được giữ trên phiên bản trước: không mất nội dung nào.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChairPanel</name>
    <message>
        <location filename="../../ecabinet/ui/chairpanel.py" line="168"/>
        <source>Make current</source>
        <translation>Chuyển đến mục này</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/chairpanel.py" line="169"/>
        <source>New motion</source>
        <translation>Nội dung biểu quyết mới</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/chairpanel.py" line="170"/>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/chairpanel.py" line="171"/>
        <source>Text</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/chairpanel.py" line="172"/>
        <source>Options</source>
        <translation>Phương án</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/chairpanel.py" line="174"/>
        <source>For, against, abstain — or your own, separated by commas</source>
        <translation>Tán thành, không tán thành, không biểu quyết — hoặc phương án riêng, cách nhau bằng dấu phẩy</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/chairpanel.py" line="176"/>
        <source>Majority</source>
        <translation>Đa số</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/chairpanel.py" line="177"/>
        <source>Secret ballot</source>
        <translation>Bỏ phiếu kín</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/chairpanel.py" line="178"/>
        <source>Create motion</source>
        <translation>Tạo nội dung biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/chairpanel.py" line="179"/>
        <source>Motions</source>
        <translation>Các nội dung biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/chairpanel.py" line="180"/>
        <source>Open voting</source>
        <translation>Mở biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/chairpanel.py" line="181"/>
        <source>Close voting</source>
        <translation>Kết thúc biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/chairpanel.py" line="202"/>
        <source>Current item: %1</source>
        <translation>Mục đang thảo luận: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/chairpanel.py" line="204"/>
        <source>No current item</source>
        <translation>Chưa chọn mục đang thảo luận</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/chairpanel.py" line="237"/>
        <source>%1; quorum %2; %3 present</source>
        <translation>%1; số người tham dự %2; có mặt %3</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/chairpanel.py" line="241"/>
        <source>met</source>
        <translation>đủ</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/chairpanel.py" line="241"/>
        <source>not met</source>
        <translation>không đủ</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/chairpanel.py" line="262"/>
        <source>Give the motion a title and choose its agenda item.</source>
        <translation>Hãy đặt tiêu đề cho nội dung biểu quyết và chọn mục chương trình của nó.</translation>
    </message>
</context>
<context>
    <name>ChangesDialog</name>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="88"/>
        <source>What changed — %1</source>
        <translation>Những thay đổi — %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="98"/>
        <source>No document was replaced.</source>
        <translation>Không có tài liệu nào bị thay thế.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="108"/>
        <source>Version %1 → version %2, since you last opened this meeting</source>
        <translation>Phiên bản %1 → phiên bản %2, kể từ lần bạn mở cuộc họp này trước đây</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="121"/>
        <source>(no note)</source>
        <translation>(không có ghi chú)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="124"/>
        <source>Secretary&apos;s note:</source>
        <translation>Ghi chú của thư ký:</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="160"/>
        <source>The agenda and the documents did not change; see the note above.</source>
        <translation>Chương trình họp và tài liệu không thay đổi; xem ghi chú ở trên.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="165"/>
        <source>Documents</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="173"/>
        <source>Agenda</source>
        <translation>Chương trình</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="184"/>
        <source>was “%1”</source>
        <translation>trước đây là “%1”</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="186"/>
        <source>agenda item: %1</source>
        <translation>mục chương trình: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="189"/>
        <source>Show the changed pages</source>
        <translation>Xem các trang thay đổi</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="190"/>
        <source>Replaced</source>
        <translation>Đã thay thế</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="197"/>
        <location filename="../../ecabinet/ui/changesdialog.py" line="207"/>
        <source>Added</source>
        <translation>Đã thêm</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="199"/>
        <location filename="../../ecabinet/ui/changesdialog.py" line="211"/>
        <source>Removed</source>
        <translation>Đã bỏ</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="215"/>
        <source>was %1</source>
        <translation>trước đây là %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="217"/>
        <source>Moved</source>
        <translation>Đã chuyển vị trí</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="220"/>
        <source>Renamed</source>
        <translation>Đã đổi tên</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="246"/>
        <source>Comparing the two versions…</source>
        <translation>Đang so sánh hai phiên bản…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="264"/>
        <source>Changed pages of “%1”</source>
        <translation>Các trang thay đổi của “%1”</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="275"/>
        <source>The text of the pages did not change (a new scan or layout).</source>
        <translation>Văn bản của các trang không thay đổi (chỉ quét lại hoặc dàn trang lại).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/changesdialog.py" line="280"/>
        <source>%n page(s) changed.</source>
        <translation>
            <numerusform>%n trang có thay đổi.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="281"/>
        <source>Click a page number to open the new version there.</source>
        <translation>Nhấp vào số trang để mở phiên bản mới tại trang đó.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="289"/>
        <source>Page %1 of the previous version — removed</source>
        <translation>Trang %1 của phiên bản trước — đã bỏ</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="295"/>
        <source>Page %1</source>
        <translation>Trang %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="297"/>
        <source>new page</source>
        <translation>trang mới</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/changesdialog.py" line="299"/>
        <source>page %1 before</source>
        <translation>trước đây là trang %1</translation>
    </message>
</context>
<context>
    <name>DeliveryPanel</name>
    <message>
        <location filename="../../ecabinet/ui/workspace/delivery.py" line="78"/>
        <source>Participant</source>
        <translation>Người tham dự</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/delivery.py" line="78"/>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/delivery.py" line="78"/>
        <source>Current version</source>
        <translation>Phiên bản hiện hành</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/delivery.py" line="78"/>
        <source>When</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/delivery.py" line="96"/>
        <source>Nothing published yet: publish to see who has it.</source>
        <translation>Chưa phát hành: hãy phát hành để xem ai đã nhận được.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/delivery.py" line="155"/>
        <source>Version %1: %2 of %3 participants have it on a device.</source>
        <translation>Phiên bản %1: %2 / %3 người tham dự đã có trên thiết bị.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/delivery.py" line="170"/>
        <source>Has it</source>
        <translation>Đã nhận</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/delivery.py" line="170"/>
        <source>Not yet</source>
        <translation>Chưa nhận</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/delivery.py" line="174"/>
        <source>Not yet (has version %1)</source>
        <translation>Chưa nhận (đang có phiên bản %1)</translation>
    </message>
</context>
<context>
    <name>DocumentView</name>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="147"/>
        <source>Opening “%1”…</source>
        <translation>Đang mở “%1”…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="241"/>
        <source>Actual size</source>
        <translation>Kích thước thật</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="244"/>
        <source>Find next</source>
        <translation>Tìm tiếp</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="247"/>
        <source>Find previous</source>
        <translation>Tìm ngược lại</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="254"/>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="256"/>
        <source>Redo</source>
        <translation>Làm lại</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="294"/>
        <source>This file was damaged and has been repaired to show it; some pages may be incomplete. Ask the secretary for a new copy if something is missing.</source>
        <translation>Tệp này bị hỏng và đã được sửa để hiển thị; một số trang có thể không đầy đủ. Nếu thiếu nội dung, hãy đề nghị thư ký gửi bản mới.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="328"/>
        <source>“%1” cannot be opened: the file is damaged. Ask the secretary to attach a new copy.</source>
        <translation>Không mở được “%1”: tệp bị hỏng. Hãy đề nghị thư ký đính kèm bản mới.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="333"/>
        <source>“%1” is protected by a password and cannot be shown. Ask the secretary to attach a copy without a password.</source>
        <translation>“%1” được bảo vệ bằng mật khẩu nên không hiển thị được. Hãy đề nghị thư ký đính kèm bản không có mật khẩu.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="338"/>
        <source>“%1” could not be shown: it made the page renderer fail twice. Ask the secretary to attach a new copy.</source>
        <translation>Không hiển thị được “%1”: tệp đã làm bộ hiển thị trang lỗi hai lần. Hãy đề nghị thư ký đính kèm bản mới.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="343"/>
        <source>“%1” could not be opened. Close it and open it again; if this keeps happening, report it.</source>
        <translation>Không mở được “%1”. Hãy đóng rồi mở lại; nếu vẫn lỗi, hãy báo cho quản trị viên.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="359"/>
        <source>Page %1 of “%2” cannot be shown: %3</source>
        <translation>Không hiển thị được trang %1 của “%2”: %3</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="38"/>
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="184"/>
        <source>Find in document</source>
        <translation>Tìm trong tài liệu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="39"/>
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="185"/>
        <source>Text to find</source>
        <translation>Nội dung cần tìm</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="43"/>
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="187"/>
        <source>Previous</source>
        <translation>Trước</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="43"/>
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="187"/>
        <source>Previous hit (Shift+Enter)</source>
        <translation>Kết quả trước (Shift+Enter)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="45"/>
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="188"/>
        <source>Next</source>
        <translation>Tiếp</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="45"/>
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="188"/>
        <source>Next hit (Enter)</source>
        <translation>Kết quả tiếp theo (Enter)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="47"/>
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="193"/>
        <source>Search results</source>
        <translation>Kết quả tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="49"/>
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="189"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="49"/>
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="189"/>
        <source>Close the find bar (Esc)</source>
        <translation>Đóng thanh tìm kiếm (Esc)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="130"/>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="130"/>
        <source>No results</source>
        <translation>Không có kết quả</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="132"/>
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n kết quả</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="134"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="136"/>
        <source>%n page(s) could not be searched.</source>
        <translation>
            <numerusform>Không tìm được trong %n trang.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ItemPanel</name>
    <message>
        <location filename="../../ecabinet/ui/workspace/itempanel.py" line="65"/>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/itempanel.py" line="65"/>
        <source>Presenter</source>
        <translation>Người trình bày</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/itempanel.py" line="65"/>
        <source>Minutes</source>
        <translation>Số phút</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/itempanel.py" line="68"/>
        <source>Confidential: only cleared participants receive it</source>
        <translation>Mật: chỉ những người được phép mới nhận được</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/itempanel.py" line="69"/>
        <source>Cleared participants</source>
        <translation>Những người được phép</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/itempanel.py" line="105"/>
        <source>Choose an item to edit its details.</source>
        <translation>Chọn một mục để sửa chi tiết.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/itempanel.py" line="107"/>
        <source>Item %1: %2</source>
        <translation>Mục %1: %2</translation>
    </message>
</context>
<context>
    <name>LivePanels</name>
    <message>
        <location filename="../../ecabinet/ui/sidepanel.py" line="76"/>
        <location filename="../../ecabinet/ui/sidepanel.py" line="93"/>
        <source>Session</source>
        <translation>Điều hành</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/sidepanel.py" line="91"/>
        <source>Vote</source>
        <translation>Biểu quyết</translation>
    </message>
</context>
<context>
    <name>LiveSession</name>
    <message>
        <location filename="../../ecabinet/ui/livesession.py" line="163"/>
        <source>Voting needs a connection to the server. Nothing was saved to send later.</source>
        <translation>Biểu quyết cần kết nối tới máy chủ. Không có gì được lưu lại để gửi sau.</translation>
    </message>
</context>
<context>
    <name>LiveText</name>
    <message>
        <location filename="../../ecabinet/ui/livetext.py" line="16"/>
        <source>For</source>
        <translation>Tán thành</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/livetext.py" line="17"/>
        <source>Against</source>
        <translation>Không tán thành</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/livetext.py" line="18"/>
        <source>Abstain</source>
        <translation>Không biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/livetext.py" line="24"/>
        <source>draft</source>
        <translation>bản nháp</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/livetext.py" line="25"/>
        <source>voting open</source>
        <translation>đang biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/livetext.py" line="26"/>
        <source>closed</source>
        <translation>đã kết thúc</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/livetext.py" line="32"/>
        <source>Adopted</source>
        <translation>Được thông qua</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/livetext.py" line="33"/>
        <source>Rejected</source>
        <translation>Không được thông qua</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/livetext.py" line="34"/>
        <source>Decided</source>
        <translation>Đã có kết quả</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/livetext.py" line="35"/>
        <source>No option won</source>
        <translation>Không phương án nào đạt</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/livetext.py" line="36"/>
        <source>No quorum: the vote does not count</source>
        <translation>Không đủ số người tham dự: kết quả biểu quyết không có giá trị</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/livetext.py" line="42"/>
        <source>Simple majority of votes cast</source>
        <translation>Quá nửa số phiếu biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/livetext.py" line="43"/>
        <source>Absolute majority of members</source>
        <translation>Quá nửa tổng số thành viên</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/livetext.py" line="44"/>
        <source>Two thirds of votes cast</source>
        <translation>Hai phần ba số phiếu biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/livetext.py" line="45"/>
        <source>Two thirds of members</source>
        <translation>Hai phần ba tổng số thành viên</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/livetext.py" line="51"/>
        <source>Ballots cast: %1 of %2 entitled</source>
        <translation>Đã biểu quyết: %1 / %2 người có quyền</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/livetext.py" line="63"/>
        <source>Result: %1 — %2</source>
        <translation>Kết quả: %1 — %2</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/livetext.py" line="70"/>
        <source>Present: %1 of %2 entitled</source>
        <translation>Có mặt: %1 / %2 người có quyền biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/livetext.py" line="74"/>
        <source>quorum met</source>
        <translation>đủ số người tham dự</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/livetext.py" line="74"/>
        <source>no quorum yet</source>
        <translation>chưa đủ số người tham dự</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ecabinet/ui/logindialog.py" line="33"/>
        <source>ecabinet — Log in</source>
        <translation>ecabinet — Đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/logindialog.py" line="45"/>
        <source>Server address</source>
        <translation>Địa chỉ máy chủ</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/logindialog.py" line="46"/>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/logindialog.py" line="47"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/logindialog.py" line="52"/>
        <source>Log in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/logindialog.py" line="64"/>
        <source>Fill in the server address, your user name and password.</source>
        <translation>Hãy nhập địa chỉ máy chủ, tên đăng nhập và mật khẩu.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/logindialog.py" line="67"/>
        <source>Logging in…</source>
        <translation>Đang đăng nhập…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="197"/>
        <source>ecabinet — paperless meetings</source>
        <translation>ecabinet — họp không giấy</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="198"/>
        <source>Sync now</source>
        <translation>Đồng bộ ngay</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="199"/>
        <source>Fetch new packet versions from the server (Ctrl+R)</source>
        <translation>Tải các phiên bản tài liệu mới từ máy chủ (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="200"/>
        <source>Find in document</source>
        <translation>Tìm trong tài liệu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="201"/>
        <source>Search all documents</source>
        <translation>Tìm trong mọi tài liệu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="203"/>
        <source>Search every document on this computer, offline (Ctrl+Shift+F)</source>
        <translation>Tìm trong mọi tài liệu trên máy này, không cần mạng (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="205"/>
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="206"/>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="207"/>
        <source>Workspace</source>
        <translation>Không gian làm việc</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="208"/>
        <source>Build, publish and revise meeting packets</source>
        <translation>Soạn, phát hành và sửa đổi bộ tài liệu cuộc họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="209"/>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="210"/>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="211"/>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="212"/>
        <source>Main toolbar</source>
        <translation>Thanh công cụ chính</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="215"/>
        <source>Choose a meeting, then a document in its agenda to read it here.</source>
        <translation>Chọn một cuộc họp, rồi chọn tài liệu trong chương trình để đọc tại đây.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="295"/>
        <source>Time: %1</source>
        <translation>Thời gian: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="297"/>
        <source>Place: %1</source>
        <translation>Địa điểm: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="300"/>
        <source>Video conference: %1</source>
        <translation>Họp trực tuyến: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="303"/>
        <source>Packet version %1</source>
        <translation>Bộ tài liệu phiên bản %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="306"/>
        <source>Packet version %1 — downloading; documents open as they arrive</source>
        <translation>Bộ tài liệu phiên bản %1 — đang tải; tài liệu mở được ngay khi tải xong</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="311"/>
        <source>Not published yet</source>
        <translation>Chưa phát hành</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="447"/>
        <source>● Connecting…</source>
        <translation>● Đang kết nối…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="449"/>
        <source>● Online</source>
        <translation>● Trực tuyến</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="451"/>
        <source>○ Offline — reading from this device</source>
        <translation>○ Ngoại tuyến — đọc tài liệu trên máy này</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="454"/>
        <source>Last sync: %1</source>
        <translation>Đồng bộ lần cuối: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="456"/>
        <source>Not synced in this session</source>
        <translation>Chưa đồng bộ trong phiên làm việc này</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="464"/>
        <source>Syncing…</source>
        <translation>Đang đồng bộ…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="476"/>
        <source>%1 of %2 documents</source>
        <translation>%1 / %2 tài liệu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="491"/>
        <source>New packet version for %1.</source>
        <translation>Có phiên bản tài liệu mới cho %1.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="511"/>
        <source>All documents of this profile were removed from this computer.</source>
        <translation>Toàn bộ tài liệu của hồ sơ này đã được xóa khỏi máy tính.</translation>
    </message>
</context>
<context>
    <name>MeetingForm</name>
    <message>
        <location filename="../../ecabinet/ui/workspace/meetingform.py" line="141"/>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/meetingform.py" line="142"/>
        <source>Starts at</source>
        <translation>Thời gian bắt đầu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/meetingform.py" line="143"/>
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/meetingform.py" line="144"/>
        <source>Video conference</source>
        <translation>Họp trực tuyến</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/meetingform.py" line="145"/>
        <source>Bridge sites
(one a line)</source>
        <translation>Điểm cầu
(mỗi dòng một điểm)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/meetingform.py" line="150"/>
        <source>Participants and their role in the meeting</source>
        <translation>Thành phần tham dự và vai trò trong cuộc họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/meetingform.py" line="151"/>
        <source>Participant</source>
        <translation>Người tham dự</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/meetingform.py" line="151"/>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/meetingform.py" line="152"/>
        <source>Add</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/meetingform.py" line="153"/>
        <source>Remove</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/meetingform.py" line="154"/>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/meetingform.py" line="155"/>
        <source>Discard changes</source>
        <translation>Bỏ các thay đổi</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/meetingform.py" line="157"/>
        <source>Any meeting link: Zoom, TrueConf, Webex, Meet … (https://…)</source>
        <translation>Đường dẫn cuộc họp bất kỳ: Zoom, TrueConf, Webex, Meet … (https://…)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/meetingform.py" line="160"/>
        <source>Enter a full address starting with https:// (or leave the field empty).</source>
        <translation>Hãy nhập địa chỉ đầy đủ bắt đầu bằng https:// (hoặc để trống).</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/meetingform.py" line="305"/>
        <source>Unsaved changes. They are kept here even when the draft is reloaded: press Save to send them, or Discard changes.</source>
        <translation>Có thay đổi chưa lưu. Các thay đổi vẫn được giữ tại đây kể cả khi tải lại bản nháp: nhấn Lưu để gửi đi, hoặc Bỏ các thay đổi.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/meetingform.py" line="310"/>
        <source>Unsaved changes: press Save to send them.</source>
        <translation>Có thay đổi chưa lưu: nhấn Lưu để gửi đi.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/meetingform.py" line="325"/>
        <source>A meeting needs a title.</source>
        <translation>Cuộc họp cần có tiêu đề.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../ecabinet/ui/messagebar.py" line="26"/>
        <source>Close this message</source>
        <translation>Đóng thông báo này</translation>
    </message>
</context>
<context>
    <name>NoteTools</name>
    <message>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="170"/>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="284"/>
        <source>Draw</source>
        <translation>Vẽ</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="173"/>
        <source>Draw freehand on the page with the pen (drag; Escape or click again to stop)</source>
        <translation>Vẽ tự do trên trang bằng bút (kéo chuột; nhấn Escape hoặc nhấp lại để dừng)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="179"/>
        <source>Fine</source>
        <translation>Mảnh</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="179"/>
        <source>Medium</source>
        <translation>Vừa</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="179"/>
        <source>Broad</source>
        <translation>Đậm</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="239"/>
        <source>Mark text</source>
        <translation>Đánh dấu văn bản</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="255"/>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="298"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="255"/>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="298"/>
        <source>Text of the note:</source>
        <translation>Nội dung ghi chú:</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="268"/>
        <source>Add note</source>
        <translation>Thêm ghi chú</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="290"/>
        <source>Bookmark page</source>
        <translation>Đánh dấu trang</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="314"/>
        <source>Delete note</source>
        <translation>Xóa ghi chú</translation>
    </message>
</context>
<context>
    <name>NotesModel</name>
    <message>
        <location filename="../../ecabinet/ui/notesmodel.py" line="155"/>
        <source>Highlight</source>
        <translation>Tô sáng</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesmodel.py" line="156"/>
        <source>Underline</source>
        <translation>Gạch chân</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesmodel.py" line="157"/>
        <source>Strike-through</source>
        <translation>Gạch ngang</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesmodel.py" line="158"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesmodel.py" line="159"/>
        <source>Drawing</source>
        <translation>Nét vẽ</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesmodel.py" line="160"/>
        <source>Bookmark</source>
        <translation>Đánh dấu trang</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesmodel.py" line="182"/>
        <source>Changed outside ecabinet: %1</source>
        <translation>Bị thay đổi bên ngoài ecabinet: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesmodel.py" line="185"/>
        <source>Go to this note</source>
        <translation>Đi tới ghi chú này</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesmodel.py" line="190"/>
        <source>%1 · p. %2</source>
        <translation>%1 · tr. %2</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesmodel.py" line="199"/>
        <source>Changed outside ecabinet — not trusted</source>
        <translation>Bị thay đổi bên ngoài ecabinet — không tin cậy</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesmodel.py" line="203"/>
        <source>Could not be placed on the new version: kept here, on the older version</source>
        <translation>Không đặt được lên phiên bản mới: được giữ tại đây, trên phiên bản trước</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesmodel.py" line="211"/>
        <source>%1 (older version)</source>
        <translation>%1 (phiên bản trước)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/notesmodel.py" line="212"/>
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n ghi chú</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../ecabinet/ui/notespanel.py" line="176"/>
        <source>The notes could not be read: %1</source>
        <translation>Không đọc được ghi chú: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notespanel.py" line="206"/>
        <source>Choose a meeting to see its notes.</source>
        <translation>Chọn một cuộc họp để xem ghi chú.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notespanel.py" line="208"/>
        <source>No notes yet. Select words in a document and right-click to mark them.</source>
        <translation>Chưa có ghi chú. Hãy bôi chọn từ trong tài liệu rồi nhấp chuột phải để đánh dấu.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/notespanel.py" line="210"/>
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n ghi chú</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notespanel.py" line="213"/>
        <source>(%1 shown)</source>
        <translation>(đang hiện %1)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/notespanel.py" line="216"/>
        <source>%n changed outside ecabinet</source>
        <translation>
            <numerusform>%n bị thay đổi bên ngoài ecabinet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/notespanel.py" line="219"/>
        <source>%n on an older version</source>
        <translation>
            <numerusform>%n trên phiên bản trước</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notespanel.py" line="231"/>
        <source>This document: %1</source>
        <translation>Tài liệu này: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notespanel.py" line="234"/>
        <source>This meeting: %1</source>
        <translation>Cuộc họp này: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notespanel.py" line="243"/>
        <source>All kinds</source>
        <translation>Mọi loại</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notespanel.py" line="256"/>
        <source>All colours</source>
        <translation>Mọi màu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notespanel.py" line="265"/>
        <source>Which notes</source>
        <translation>Phạm vi ghi chú</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notespanel.py" line="266"/>
        <source>Kind of note</source>
        <translation>Loại ghi chú</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notespanel.py" line="267"/>
        <source>Colour of note</source>
        <translation>Màu ghi chú</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notespanel.py" line="268"/>
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
</context>
<context>
    <name>NotesUi</name>
    <message>
        <location filename="../../ecabinet/ui/notesui.py" line="173"/>
        <source>%1 (older version)</source>
        <translation>%1 (phiên bản trước)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/notesui.py" line="188"/>
        <source>This is an older version of “%1”; %n note(s) could not be placed on the new one and stay here. It is shown read-only.</source>
        <translation>
            <numerusform>Đây là phiên bản trước của “%1”; %n ghi chú không đặt được lên phiên bản mới nên vẫn ở đây. Tài liệu chỉ hiển thị để đọc.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesui.py" line="194"/>
        <source>This is an older version of “%1”, shown read-only.</source>
        <translation>Đây là phiên bản trước của “%1”, chỉ hiển thị để đọc.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesui.py" line="214"/>
        <source>Export</source>
        <translation>Xuất</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesui.py" line="222"/>
        <source>Open a document first: its copy is exported with your notes in it.</source>
        <translation>Hãy mở một tài liệu trước: bản sao của tài liệu sẽ được xuất kèm ghi chú của bạn.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesui.py" line="226"/>
        <source>%1 (with notes)</source>
        <translation>%1 (kèm ghi chú)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesui.py" line="226"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesui.py" line="234"/>
        <source>Writing %1…</source>
        <translation>Đang ghi %1…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesui.py" line="248"/>
        <source>Choose a meeting or a document first.</source>
        <translation>Hãy chọn một cuộc họp hoặc một tài liệu trước.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesui.py" line="252"/>
        <source>%1 (signed notes)</source>
        <translation>%1 (ghi chú có chữ ký)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesui.py" line="252"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/notesui.py" line="270"/>
        <source>Saved %1 with %n note(s).</source>
        <translation>
            <numerusform>Đã lưu %1 với %n ghi chú.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/notesui.py" line="275"/>
        <source>%n note(s) changed outside ecabinet were left out.</source>
        <translation>
            <numerusform>%n ghi chú bị thay đổi bên ngoài ecabinet đã được loại ra.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesui.py" line="283"/>
        <source>The export failed: %1</source>
        <translation>Xuất không thành công: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesui.py" line="301"/>
        <source>The server refused part of your notes&apos; backup: %1</source>
        <translation>Máy chủ từ chối một phần bản sao lưu ghi chú của bạn: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesui.py" line="314"/>
        <location filename="../../ecabinet/ui/notesui.py" line="315"/>
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesui.py" line="317"/>
        <source>Every note of this document or meeting, to filter and jump to (Ctrl+Shift+N)</source>
        <translation>Mọi ghi chú của tài liệu hoặc cuộc họp này, để lọc và đi tới (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesui.py" line="319"/>
        <source>Export annotated PDF…</source>
        <translation>Xuất PDF kèm ghi chú…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesui.py" line="320"/>
        <source>Export signed notes bundle…</source>
        <translation>Xuất gói ghi chú có chữ ký…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/notesui.py" line="321"/>
        <source>Settings…</source>
        <translation>Cài đặt…</translation>
    </message>
</context>
<context>
    <name>PageCanvas</name>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="99"/>
        <source>Copy</source>
        <translation>Sao chép</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="263"/>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="400"/>
        <source>Highlight</source>
        <translation>Tô sáng</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="401"/>
        <source>Underline</source>
        <translation>Gạch chân</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="402"/>
        <source>Strike through</source>
        <translation>Gạch ngang</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="408"/>
        <source>Colour</source>
        <translation>Màu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="410"/>
        <source>Add a note here…</source>
        <translation>Thêm ghi chú tại đây…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="413"/>
        <source>Bookmark this page</source>
        <translation>Đánh dấu trang này</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="420"/>
        <source>Edit this note…</source>
        <translation>Sửa ghi chú này…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="423"/>
        <source>Delete this note</source>
        <translation>Xóa ghi chú này</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="436"/>
        <source>This note was changed outside ecabinet and is not trusted.</source>
        <translation>Ghi chú này đã bị thay đổi bên ngoài ecabinet và không được tin cậy.</translation>
    </message>
</context>
<context>
    <name>PageScroller</name>
    <message>
        <location filename="../../ecabinet/ui/viewer/scroller.py" line="110"/>
        <source>This page is damaged and cannot be shown.</source>
        <translation>Trang này bị hỏng, không hiển thị được.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/scroller.py" line="112"/>
        <source>This page is too large to show at this zoom. Zoom out.</source>
        <translation>Trang quá lớn ở mức phóng to này. Hãy thu nhỏ.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/scroller.py" line="113"/>
        <source>This page could not be shown. Close the document and open it again.</source>
        <translation>Không hiển thị được trang này. Hãy đóng tài liệu rồi mở lại.</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../ecabinet/ui/workspace/dialogs.py" line="67"/>
        <source>Preview as…</source>
        <translation>Xem trước với tư cách…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/dialogs.py" line="84"/>
        <source>Show the packet as this participant receives it:</source>
        <translation>Hiển thị bộ tài liệu như người tham dự này nhận được:</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/dialogs.py" line="97"/>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/dialogs.py" line="128"/>
        <source>Version %1: %2 item(s), %3 document(s).</source>
        <translation>Phiên bản %1: %2 mục, %3 tài liệu.</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <location filename="../../ecabinet/ui/workspace/dialogs.py" line="27"/>
        <location filename="../../ecabinet/ui/workspace/dialogs.py" line="41"/>
        <source>Publish</source>
        <translation>Phát hành</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/dialogs.py" line="30"/>
        <source>Publish the draft as packet version %1. Participants receive it at their next sync. Say what changed: delegates read this note with the new version.</source>
        <translation>Phát hành bản nháp thành bộ tài liệu phiên bản %1. Người tham dự nhận được ở lần đồng bộ tới. Hãy nêu những điểm thay đổi: đại biểu sẽ đọc ghi chú này cùng phiên bản mới.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/dialogs.py" line="36"/>
        <source>e.g. Budget annex replaced (figures of page 4)</source>
        <translation>Ví dụ: Thay phụ lục dự toán (số liệu trang 4)</translation>
    </message>
</context>
<context>
    <name>ReaderToolbar</name>
    <message>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="44"/>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="168"/>
        <source>Pages</source>
        <translation>Các trang</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="47"/>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="169"/>
        <source>Show or hide the page thumbnails</source>
        <translation>Hiện hoặc ẩn ảnh thu nhỏ các trang</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="50"/>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="170"/>
        <source>Zoom out</source>
        <translation>Thu nhỏ</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="53"/>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="171"/>
        <source>Zoom in</source>
        <translation>Phóng to</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="66"/>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="175"/>
        <source>Zoom</source>
        <translation>Thu phóng</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="67"/>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="176"/>
        <source>Fit width</source>
        <translation>Vừa chiều rộng</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="68"/>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="177"/>
        <source>Fit page</source>
        <translation>Vừa trang</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="78"/>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="178"/>
        <source>Page</source>
        <translation>Trang</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="80"/>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="179"/>
        <source>Page number</source>
        <translation>Số trang</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="87"/>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="180"/>
        <source>Find</source>
        <translation>Tìm</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="90"/>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="182"/>
        <source>Find in the document (%1)</source>
        <translation>Tìm trong tài liệu (%1)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="110"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="124"/>
        <source>/ %1</source>
        <translation>/ %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/toolbar.py" line="143"/>
        <source>Zoom: %1</source>
        <translation>Thu phóng: %1</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="45"/>
        <source>Your recovery key</source>
        <translation>Khóa khôi phục của bạn</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="50"/>
        <source>Write this key down on paper and keep it somewhere safe. It is shown only this once. Without it, nobody — not you, not the administrator — can restore your notes on another computer.</source>
        <translation>Hãy chép khóa này ra giấy và cất giữ ở nơi an toàn. Khóa chỉ hiển thị một lần này. Nếu không có khóa, không ai — kể cả bạn hay quản trị viên — có thể khôi phục ghi chú của bạn trên máy tính khác.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="67"/>
        <source>Copy</source>
        <translation>Sao chép</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="69"/>
        <source>I have written the recovery key down</source>
        <translation>Tôi đã ghi lại khóa khôi phục</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="72"/>
        <source>Done</source>
        <translation>Xong</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="93"/>
        <source>Restore notes from the backup</source>
        <translation>Khôi phục ghi chú từ bản sao lưu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="96"/>
        <source>Type the recovery key you wrote down when the backup was turned on. Case, spaces and dashes do not matter.</source>
        <translation>Nhập khóa khôi phục bạn đã ghi lại khi bật sao lưu. Không phân biệt chữ hoa, chữ thường, dấu cách và dấu gạch ngang.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="103"/>
        <source>Recovery key</source>
        <translation>Khóa khôi phục</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="107"/>
        <source>Restore</source>
        <translation>Khôi phục</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../ecabinet/ui/searchpanel.py" line="262"/>
        <source>p. %1</source>
        <translation>tr. %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/searchpanel.py" line="266"/>
        <source>Open “%1” at page %2</source>
        <translation>Mở “%1” tại trang %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/searchpanel.py" line="274"/>
        <location filename="../../ecabinet/ui/searchpanel.py" line="306"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n trang</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/searchpanel.py" line="284"/>
        <source>The search could not be done: %1</source>
        <translation>Không tìm được: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/searchpanel.py" line="298"/>
        <source>Nothing found.</source>
        <translation>Không tìm thấy kết quả.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/searchpanel.py" line="301"/>
        <source>More pages match than are shown; add words or use quotes to narrow.</source>
        <translation>Còn nhiều trang khớp hơn số đang hiển thị; hãy thêm từ hoặc đặt cụm từ trong ngoặc kép để thu hẹp.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/searchpanel.py" line="305"/>
        <source>%1 in %2</source>
        <translation>%1 trong %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/searchpanel.py" line="307"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n tài liệu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/searchpanel.py" line="312"/>
        <source>%n document(s) not searchable yet (still arriving or being indexed).</source>
        <translation>
            <numerusform>%n tài liệu chưa tìm được (đang tải về hoặc đang lập chỉ mục).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/searchpanel.py" line="319"/>
        <source>%n document(s) have no readable text.</source>
        <translation>
            <numerusform>%n tài liệu không có văn bản đọc được.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/searchpanel.py" line="323"/>
        <source>Not searched until the next sync (offline period over): %1</source>
        <translation>Chưa tìm cho đến lần đồng bộ tới (đã hết hạn đọc ngoại tuyến): %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/searchpanel.py" line="329"/>
        <source>Indexing new documents: %1 of %2…</source>
        <translation>Đang lập chỉ mục tài liệu mới: %1/%2…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/searchpanel.py" line="335"/>
        <source>The search index could not be updated: %1</source>
        <translation>Không cập nhật được chỉ mục tìm kiếm: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/searchpanel.py" line="379"/>
        <source>All meetings</source>
        <translation>Tất cả cuộc họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/searchpanel.py" line="381"/>
        <source>This meeting: %1</source>
        <translation>Cuộc họp này: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/searchpanel.py" line="387"/>
        <source>Search all documents, e.g. hop khong giay</source>
        <translation>Tìm trong mọi tài liệu, ví dụ: hop khong giay</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/searchpanel.py" line="388"/>
        <source>Search all documents</source>
        <translation>Tìm trong mọi tài liệu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/searchpanel.py" line="391"/>
        <source>Words are found with or without diacritics; put words in quotes to find them side by side. The last word also matches the start of longer words.</source>
        <translation>Từ được tìm thấy dù gõ có dấu hay không dấu; đặt các từ trong ngoặc kép để tìm chúng đứng liền nhau. Từ cuối cùng cũng khớp với phần đầu của từ dài hơn.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/searchpanel.py" line="395"/>
        <source>Exact diacritics</source>
        <translation>Đúng dấu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/searchpanel.py" line="396"/>
        <source>Only words with exactly these marks: thể is not thế</source>
        <translation>Chỉ các từ có đúng dấu như đã gõ: “thể” khác “thế”</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/searchpanel.py" line="397"/>
        <source>Where to search</source>
        <translation>Phạm vi tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/searchpanel.py" line="398"/>
        <source>Search results</source>
        <translation>Kết quả tìm kiếm</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ecabinet/ui/settingsdialog.py" line="250"/>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
</context>
<context>
    <name>ThumbnailStrip</name>
    <message>
        <location filename="../../ecabinet/ui/viewer/thumbnails.py" line="44"/>
        <source>Page thumbnails</source>
        <translation>Ảnh thu nhỏ các trang</translation>
    </message>
</context>
<context>
    <name>UploadQueue</name>
    <message>
        <location filename="../../ecabinet/ui/workspace/uploads.py" line="131"/>
        <source>The upload of %1 was cancelled; nothing was attached.</source>
        <translation>Đã hủy tải lên %1; không có gì được đính kèm.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/uploads.py" line="136"/>
        <source>%1 was not attached: LibreOffice is not installed on this computer, so Word, Excel and PowerPoint files cannot be converted to PDF. Install LibreOffice, or save the file as PDF and attach the PDF.</source>
        <translation>Chưa đính kèm %1: máy tính này chưa cài LibreOffice nên không chuyển được tệp Word, Excel và PowerPoint sang PDF. Hãy cài LibreOffice, hoặc lưu tệp dưới dạng PDF rồi đính kèm tệp PDF.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/uploads.py" line="142"/>
        <source>%1 could not be converted to PDF, so nothing was attached:</source>
        <translation>Không chuyển được %1 sang PDF nên không có gì được đính kèm:</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/uploads.py" line="149"/>
        <source>The server refused %1, so nothing was attached:</source>
        <translation>Máy chủ từ chối %1 nên không có gì được đính kèm:</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/uploads.py" line="156"/>
        <source>%1 could not be read, so nothing was attached:</source>
        <translation>Không đọc được %1 nên không có gì được đính kèm:</translation>
    </message>
</context>
<context>
    <name>VotePanel</name>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="124"/>
        <source>Follow the chair (open the document and page shown)</source>
        <translation>Theo chủ tọa (mở tài liệu và trang đang trình chiếu)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="125"/>
        <source>Change</source>
        <translation>Chọn lại</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="126"/>
        <source>Voting for:</source>
        <translation>Biểu quyết cho:</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="146"/>
        <source>Offline: voting needs a connection to the server. Nothing is saved to send later.</source>
        <translation>Ngoại tuyến: biểu quyết cần kết nối tới máy chủ. Không có gì được lưu lại để gửi sau.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="153"/>
        <source>You are checked in</source>
        <translation>Bạn đã điểm danh</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="153"/>
        <source>Check in</source>
        <translation>Điểm danh</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="171"/>
        <source>myself</source>
        <translation>bản thân tôi</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="175"/>
        <source>%1 (proxy)</source>
        <translation>%1 (ủy quyền)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="191"/>
        <source>No vote is open.</source>
        <translation>Chưa có nội dung nào đang biểu quyết.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="209"/>
        <source>Secret ballot</source>
        <translation>Bỏ phiếu kín</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="209"/>
        <source>Open (named) ballot</source>
        <translation>Biểu quyết công khai (ghi danh)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="212"/>
        <source>Your vote is recorded.</source>
        <translation>Phiếu của bạn đã được ghi nhận.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="214"/>
        <source>Check in to vote.</source>
        <translation>Hãy điểm danh để biểu quyết.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="216"/>
        <source>You handed your vote to a proxy, who votes for you.</source>
        <translation>Bạn đã ủy quyền biểu quyết; người được ủy quyền sẽ biểu quyết thay bạn.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="236"/>
        <source>You chose “%1”. Your vote cannot be changed once it is recorded.</source>
        <translation>Bạn chọn “%1”. Phiếu đã ghi nhận thì không thể thay đổi.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="240"/>
        <source>Confirm my vote</source>
        <translation>Xác nhận biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="247"/>
        <source>Receipt kept on this computer, signed by key %1 at %2.</source>
        <translation>Biên nhận được lưu trên máy này, ký bằng khóa %1 lúc %2.</translation>
    </message>
</context>
<context>
    <name>WhatChanged</name>
    <message>
        <location filename="../../ecabinet/ui/whatchanged.py" line="70"/>
        <location filename="../../ecabinet/ui/whatchanged.py" line="143"/>
        <source>What changed</source>
        <translation>Những thay đổi</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/whatchanged.py" line="72"/>
        <source>What changed in this meeting&apos;s packet since you last opened it</source>
        <translation>Những thay đổi trong bộ tài liệu của cuộc họp này kể từ lần bạn mở trước đây</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/whatchanged.py" line="137"/>
        <source>“%1” has changed since you last opened it (version %2 → %3).</source>
        <translation>“%1” đã thay đổi kể từ lần bạn mở trước đây (phiên bản %2 → %3).</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../ecabinet/ui/workspace/meetingform.py" line="37"/>
        <source>Chair</source>
        <translation>Chủ tọa</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/meetingform.py" line="38"/>
        <source>Secretary</source>
        <translation>Thư ký</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/meetingform.py" line="39"/>
        <source>Delegate</source>
        <translation>Đại biểu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/meetingform.py" line="40"/>
        <source>Guest</source>
        <translation>Khách mời</translation>
    </message>
</context>
<context>
    <name>WorkspaceWindow</name>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="128"/>
        <source>Secretary workspace — ecabinet</source>
        <translation>Không gian làm việc của thư ký — ecabinet</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="129"/>
        <location filename="../../ecabinet/ui/workspace/window.py" line="308"/>
        <source>New meeting</source>
        <translation>Cuộc họp mới</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="130"/>
        <source>Reload draft</source>
        <translation>Tải lại bản nháp</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="131"/>
        <source>Preview as…</source>
        <translation>Xem trước với tư cách…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="132"/>
        <source>Publish…</source>
        <translation>Phát hành…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="133"/>
        <source>Meeting</source>
        <translation>Cuộc họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="134"/>
        <source>Agenda and documents</source>
        <translation>Chương trình và tài liệu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="135"/>
        <source>Delivery</source>
        <translation>Tình hình nhận tài liệu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="185"/>
        <source>version %1</source>
        <translation>phiên bản %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="185"/>
        <source>draft</source>
        <translation>bản nháp</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="217"/>
        <source>Unsaved changes</source>
        <translation>Thay đổi chưa lưu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="218"/>
        <source>The meeting form has changes that were not saved. Discard them?</source>
        <translation>Biểu mẫu cuộc họp có thay đổi chưa được lưu. Bỏ các thay đổi này?</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="296"/>
        <source>What you typed in the meeting form is still there; press Save again.</source>
        <translation>Nội dung bạn đã nhập trong biểu mẫu cuộc họp vẫn còn; hãy nhấn Lưu một lần nữa.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="310"/>
        <source>fill in the facts and press Save to create it.</source>
        <translation>điền thông tin rồi nhấn Lưu để tạo cuộc họp.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="316"/>
        <source>published version %1</source>
        <translation>đã phát hành phiên bản %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="318"/>
        <source>not published yet</source>
        <translation>chưa phát hành</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="322"/>
        <source>Draft revision %1</source>
        <translation>Bản nháp: lần sửa %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="326"/>
        <source>last change by %1 at %2</source>
        <translation>sửa lần cuối: %1, lúc %2</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="348"/>
        <source>Attach documents</source>
        <translation>Đính kèm tài liệu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="350"/>
        <source>Documents (%1)</source>
        <translation>Tài liệu (%1)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="360"/>
        <source>Save the meeting before attaching documents.</source>
        <translation>Hãy lưu cuộc họp trước khi đính kèm tài liệu.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="370"/>
        <source>Preparing “%1”…</source>
        <translation>Đang chuẩn bị “%1”…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="379"/>
        <source>Uploading “%1”: %2 of %3 MB</source>
        <translation>Đang tải lên “%1”: %2 / %3 MB</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="395"/>
        <source>“%1” was uploaded, but its agenda item is gone; attach it again.</source>
        <translation>Đã tải lên “%1”, nhưng mục chương trình của tài liệu không còn; hãy đính kèm lại.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/workspace/window.py" line="406"/>
        <source>“%1” replaces the document in the draft. Publish to send the new version to the participants.</source>
        <translation>“%1” thay thế tài liệu trong bản nháp. Hãy phát hành để gửi phiên bản mới tới người tham dự.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/workspace/window.py" line="442"/>
        <source>Published version %1 (%n document(s)). Participants receive it at their next sync.</source>
        <translation>
            <numerusform>Đã phát hành phiên bản %1 (%n tài liệu). Người tham dự sẽ nhận được ở lần đồng bộ tới.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tools</name>
    <message>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="95"/>
        <source>Edit note</source>
        <translation>Sửa ghi chú</translation>
    </message>
</context>
</TS>
