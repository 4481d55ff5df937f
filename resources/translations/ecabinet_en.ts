<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>AgendaModel</name>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/agendamodel.py" line="154" />
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform><numerusform>%n min</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/agendamodel.py" line="163" />
        <source>%1 (%n page(s))</source>
        <translation>
            <numerusform>%1 (%n page)</numerusform><numerusform>%1 (%n pages)</numerusform></translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="122" />
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform><numerusform>%n results</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet/ui/viewer/findbar.py" line="126" />
        <source>%n page(s) could not be searched.</source>
        <translation>
            <numerusform>%n page could not be searched.</numerusform><numerusform>%n pages could not be searched.</numerusform></translation>
    </message>
</context>
</TS>