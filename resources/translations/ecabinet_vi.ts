<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
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
    <name>DocumentView</name>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="137"/>
        <source>Opening “%1”…</source>
        <translation>Đang mở “%1”…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="214"/>
        <source>Actual size</source>
        <translation>Kích thước thật</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="217"/>
        <source>Find next</source>
        <translation>Tìm tiếp</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="220"/>
        <source>Find previous</source>
        <translation>Tìm ngược lại</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="227"/>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="229"/>
        <source>Redo</source>
        <translation>Làm lại</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="268"/>
        <source>This file was damaged and has been repaired to show it; some pages may be incomplete. Ask the secretary for a new copy if something is missing.</source>
        <translation>Tệp này bị hỏng và đã được sửa để hiển thị; một số trang có thể không đầy đủ. Nếu thiếu nội dung, hãy đề nghị thư ký gửi bản mới.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="296"/>
        <source>“%1” cannot be opened: the file is damaged. Ask the secretary to attach a new copy.</source>
        <translation>Không mở được “%1”: tệp bị hỏng. Hãy đề nghị thư ký đính kèm bản mới.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="301"/>
        <source>“%1” is protected by a password and cannot be shown. Ask the secretary to attach a copy without a password.</source>
        <translation>“%1” được bảo vệ bằng mật khẩu nên không hiển thị được. Hãy đề nghị thư ký đính kèm bản không có mật khẩu.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="306"/>
        <source>“%1” could not be shown: it made the page renderer fail twice. Ask the secretary to attach a new copy.</source>
        <translation>Không hiển thị được “%1”: tệp đã làm bộ hiển thị trang lỗi hai lần. Hãy đề nghị thư ký đính kèm bản mới.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="311"/>
        <source>“%1” could not be opened. Close it and open it again; if this keeps happening, report it.</source>
        <translation>Không mở được “%1”. Hãy đóng rồi mở lại; nếu vẫn lỗi, hãy báo cho quản trị viên.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/documentview.py" line="327"/>
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
        <location filename="../../ecabinet/ui/livesession.py" line="160"/>
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
        <location filename="../../ecabinet/ui/mainwindow.py" line="188"/>
        <source>ecabinet — paperless meetings</source>
        <translation>ecabinet — họp không giấy</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="189"/>
        <source>Sync now</source>
        <translation>Đồng bộ ngay</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="190"/>
        <source>Fetch new packet versions from the server (Ctrl+R)</source>
        <translation>Tải các phiên bản tài liệu mới từ máy chủ (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="191"/>
        <source>Find in document</source>
        <translation>Tìm trong tài liệu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="192"/>
        <source>Search all documents</source>
        <translation>Tìm trong mọi tài liệu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="194"/>
        <source>Search every document on this computer, offline (Ctrl+Shift+F)</source>
        <translation>Tìm trong mọi tài liệu trên máy này, không cần mạng (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="196"/>
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="197"/>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="198"/>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="199"/>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="200"/>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="201"/>
        <source>Main toolbar</source>
        <translation>Thanh công cụ chính</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="203"/>
        <source>Choose a meeting, then a document in its agenda to read it here.</source>
        <translation>Chọn một cuộc họp, rồi chọn tài liệu trong chương trình để đọc tại đây.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="282"/>
        <source>Time: %1</source>
        <translation>Thời gian: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="284"/>
        <source>Place: %1</source>
        <translation>Địa điểm: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="287"/>
        <source>Video conference: %1</source>
        <translation>Họp trực tuyến: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="290"/>
        <source>Packet version %1</source>
        <translation>Bộ tài liệu phiên bản %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="293"/>
        <source>Packet version %1 — downloading; documents open as they arrive</source>
        <translation>Bộ tài liệu phiên bản %1 — đang tải; tài liệu mở được ngay khi tải xong</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="298"/>
        <source>Not published yet</source>
        <translation>Chưa phát hành</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="414"/>
        <source>Your notes followed the new version: %1 moved.</source>
        <translation>Ghi chú của bạn đã theo phiên bản mới: %1 ghi chú được chuyển.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="417"/>
        <source>%1 could not be placed and stay on the previous version of their document.</source>
        <translation>%1 ghi chú không đặt lại được và vẫn nằm trên phiên bản trước của tài liệu.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="443"/>
        <source>● Connecting…</source>
        <translation>● Đang kết nối…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="445"/>
        <source>● Online</source>
        <translation>● Trực tuyến</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="447"/>
        <source>○ Offline — reading from this device</source>
        <translation>○ Ngoại tuyến — đọc tài liệu trên máy này</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="450"/>
        <source>Last sync: %1</source>
        <translation>Đồng bộ lần cuối: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="452"/>
        <source>Not synced in this session</source>
        <translation>Chưa đồng bộ trong phiên làm việc này</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="460"/>
        <source>Syncing…</source>
        <translation>Đang đồng bộ…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="472"/>
        <source>%1 of %2 documents</source>
        <translation>%1 / %2 tài liệu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="487"/>
        <source>New packet version for %1.</source>
        <translation>Có phiên bản tài liệu mới cho %1.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/mainwindow.py" line="507"/>
        <source>All documents of this profile were removed from this computer.</source>
        <translation>Toàn bộ tài liệu của hồ sơ này đã được xóa khỏi máy tính.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../ecabinet/ui/messagebar.py" line="24"/>
        <source>Close this message</source>
        <translation>Đóng thông báo này</translation>
    </message>
</context>
<context>
    <name>NoteTools</name>
    <message>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="179"/>
        <source>Mark text</source>
        <translation>Đánh dấu văn bản</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="185"/>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="218"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="185"/>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="218"/>
        <source>Text of the note:</source>
        <translation>Nội dung ghi chú:</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="204"/>
        <source>Add note</source>
        <translation>Thêm ghi chú</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="210"/>
        <source>Bookmark page</source>
        <translation>Đánh dấu trang</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/notetools.py" line="234"/>
        <source>Delete note</source>
        <translation>Xóa ghi chú</translation>
    </message>
</context>
<context>
    <name>PageCanvas</name>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="90"/>
        <source>Copy</source>
        <translation>Sao chép</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="245"/>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="312"/>
        <source>Highlight</source>
        <translation>Tô sáng</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="313"/>
        <source>Underline</source>
        <translation>Gạch chân</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="314"/>
        <source>Strike through</source>
        <translation>Gạch ngang</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="320"/>
        <source>Colour</source>
        <translation>Màu</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="322"/>
        <source>Add a note here…</source>
        <translation>Thêm ghi chú tại đây…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="325"/>
        <source>Bookmark this page</source>
        <translation>Đánh dấu trang này</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="332"/>
        <source>Edit this note…</source>
        <translation>Sửa ghi chú này…</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="335"/>
        <source>Delete this note</source>
        <translation>Xóa ghi chú này</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/viewer/pageview.py" line="348"/>
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
    <name>ThumbnailStrip</name>
    <message>
        <location filename="../../ecabinet/ui/viewer/thumbnails.py" line="44"/>
        <source>Page thumbnails</source>
        <translation>Ảnh thu nhỏ các trang</translation>
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
        <location filename="../../ecabinet/ui/votepanel.py" line="166"/>
        <source>myself</source>
        <translation>bản thân tôi</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="170"/>
        <source>%1 (proxy)</source>
        <translation>%1 (ủy quyền)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="186"/>
        <source>No vote is open.</source>
        <translation>Chưa có nội dung nào đang biểu quyết.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="204"/>
        <source>Secret ballot</source>
        <translation>Bỏ phiếu kín</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="204"/>
        <source>Open (named) ballot</source>
        <translation>Biểu quyết công khai (ghi danh)</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="207"/>
        <source>Your vote is recorded.</source>
        <translation>Phiếu của bạn đã được ghi nhận.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="209"/>
        <source>Check in to vote.</source>
        <translation>Hãy điểm danh để biểu quyết.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="211"/>
        <source>You handed your vote to a proxy, who votes for you.</source>
        <translation>Bạn đã ủy quyền biểu quyết; người được ủy quyền sẽ biểu quyết thay bạn.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="231"/>
        <source>You chose “%1”. Your vote cannot be changed once it is recorded.</source>
        <translation>Bạn chọn “%1”. Phiếu đã ghi nhận thì không thể thay đổi.</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="235"/>
        <source>Confirm my vote</source>
        <translation>Xác nhận biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet/ui/votepanel.py" line="242"/>
        <source>Receipt kept on this computer, signed by key %1 at %2.</source>
        <translation>Biên nhận được lưu trên máy này, ký bằng khóa %1 lúc %2.</translation>
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
