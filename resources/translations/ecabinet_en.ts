<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AgendaEditModel</name>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/workspace/agendaedit.py" line="254"/>
        <source>%1 (%n page(s))</source>
        <translation>
            <numerusform>%1 (%n page)</numerusform>
            <numerusform>%1 (%n pages)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AgendaModel</name>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/agendamodel.py" line="154"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/agendamodel.py" line="163"/>
        <source>%1 (%n page(s))</source>
        <translation>
            <numerusform>%1 (%n page)</numerusform>
            <numerusform>%1 (%n pages)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BackupSection</name>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/settingsdialog.py" line="181"/>
        <source>%n change(s) wait for the next sync.</source>
        <translation>
            <numerusform>%n change waits for the next sync.</numerusform>
            <numerusform>%n changes wait for the next sync.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/settingsdialog.py" line="232"/>
        <source>%n note(s) restored from the backup.</source>
        <translation>
            <numerusform>%n note restored from the backup.</numerusform>
            <numerusform>%n notes restored from the backup.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/settingsdialog.py" line="235"/>
        <source>%n could not be verified and were not kept: %1</source>
        <translation>
            <numerusform>%n could not be verified and was not kept: %1</numerusform>
            <numerusform>%n could not be verified and were not kept: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CarrySummaryDialog</name>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/carrydialog.py" line="50"/>
        <source>Open the older version of “%1” (%n note(s) there)</source>
        <translation>
            <numerusform>Open the older version of “%1” (%n note there)</numerusform>
            <numerusform>Open the older version of “%1” (%n notes there)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/carrydialog.py" line="74"/>
        <source>%n note(s) moved to the new version</source>
        <translation>
            <numerusform>%n note moved to the new version</numerusform>
            <numerusform>%n notes moved to the new version</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/carrydialog.py" line="76"/>
        <source>%n note(s) kept: their documents did not change</source>
        <translation>
            <numerusform>%n note kept: its document did not change</numerusform>
            <numerusform>%n notes kept: their documents did not change</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/carrydialog.py" line="84"/>
        <source>%n note(s) could not be placed on the new version. They are kept on the older version: nothing was lost.</source>
        <translation>
            <numerusform>%n note could not be placed on the new version. It is kept on the older version: nothing was lost.</numerusform>
            <numerusform>%n notes could not be placed on the new version. They are kept on the older version: nothing was lost.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChangesDialog</name>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/changesdialog.py" line="280"/>
        <source>%n page(s) changed.</source>
        <translation>
            <numerusform>%n page changed.</numerusform>
            <numerusform>%n pages changed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="132"/>
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="136"/>
        <source>%n page(s) could not be searched.</source>
        <translation>
            <numerusform>%n page could not be searched.</numerusform>
            <numerusform>%n pages could not be searched.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotesModel</name>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/notesmodel.py" line="212"/>
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/notespanel.py" line="210"/>
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/notespanel.py" line="216"/>
        <source>%n changed outside ecabinet</source>
        <translation>
            <numerusform>%n changed outside ecabinet</numerusform>
            <numerusform>%n changed outside ecabinet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/notespanel.py" line="219"/>
        <source>%n on an older version</source>
        <translation>
            <numerusform>%n on an older version</numerusform>
            <numerusform>%n on an older version</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotesUi</name>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/notesui.py" line="188"/>
        <source>This is an older version of “%1”; %n note(s) could not be placed on the new one and stay here. It is shown read-only.</source>
        <translation>
            <numerusform>This is an older version of “%1”; %n note could not be placed on the new one and stays here. It is shown read-only.</numerusform>
            <numerusform>This is an older version of “%1”; %n notes could not be placed on the new one and stay here. It is shown read-only.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/notesui.py" line="270"/>
        <source>Saved %1 with %n note(s).</source>
        <translation>
            <numerusform>Saved %1 with %n note.</numerusform>
            <numerusform>Saved %1 with %n notes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/notesui.py" line="275"/>
        <source>%n note(s) changed outside ecabinet were left out.</source>
        <translation>
            <numerusform>%n note changed outside ecabinet was left out.</numerusform>
            <numerusform>%n notes changed outside ecabinet were left out.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/searchpanel.py" line="274"/>
        <location filename="../../ecabinet/ui/searchpanel.py" line="306"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/searchpanel.py" line="307"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/searchpanel.py" line="312"/>
        <source>%n document(s) not searchable yet (still arriving or being indexed).</source>
        <translation>
            <numerusform>%n document not searchable yet (still arriving or being indexed).</numerusform>
            <numerusform>%n documents not searchable yet (still arriving or being indexed).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/searchpanel.py" line="319"/>
        <source>%n document(s) have no readable text.</source>
        <translation>
            <numerusform>%n document has no readable text.</numerusform>
            <numerusform>%n documents have no readable text.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkspaceWindow</name>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/workspace/window.py" line="442"/>
        <source>Published version %1 (%n document(s)). Participants receive it at their next sync.</source>
        <translation>
            <numerusform>Published version %1 (%n document). Participants receive it at their next sync.</numerusform>
            <numerusform>Published version %1 (%n documents). Participants receive it at their next sync.</numerusform>
        </translation>
    </message>
</context>
</TS>
