<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
</TS>
