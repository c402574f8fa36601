<?xml version="1.0" encoding="utf-8"?>
<!--
  Canonical application XML (urn:de:efagateway:application:1) → XBau 2.6 baugenehmigung.antrag.0200.

  Input contract: the field ids of samples/processes/bauantrag-vereinfacht.json (groups bauherr, baugrundstueck,
  entwurfsverfasser; fields bezeichnung, art; file field bauvorlagen). A process that wants this message uses these ids.
  Header values come only from the parameters (set by XoevMapper from the process's xoev block and the host's
  Gateway:Xoev configuration); nothing in the header is made up here.

  XBau 2.6 declares almost every child of the message optional (minOccurs="0"). What the form does not ask for is left
  out rather than filled with a guess; each omission is named where it would go. Elements declared in the XBau
  Kernmodul (elementFormDefault="unqualified"), those the Baukasten declares form="unqualified" (the header, Grundstück
  addresses, Anlagen) are written without a namespace; all others are in the XBau namespace.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:a="urn:de:efagateway:application:1"
                xmlns:xbau="http://www.xleitstelle.de/xbau/2/6"
                exclude-result-prefixes="a">

  <xsl:param name="nachrichtenUUID"/>
  <xsl:param name="nachrichtentypCode"/>
  <xsl:param name="nachrichtentypListURI"/>
  <xsl:param name="nachrichtentypListVersionID"/>
  <xsl:param name="erstellungszeitpunkt"/>
  <xsl:param name="leserVerzeichnisdienst"/>
  <xsl:param name="leserVerzeichnisdienstListVersionID"/>
  <xsl:param name="leserKennung"/>
  <xsl:param name="leserName"/>
  <xsl:param name="autorVerzeichnisdienst"/>
  <xsl:param name="autorVerzeichnisdienstListVersionID"/>
  <xsl:param name="autorKennung"/>
  <xsl:param name="autorName"/>
  <xsl:param name="produkt"/>
  <xsl:param name="produkthersteller"/>
  <xsl:param name="produktversion"/>
  <xsl:param name="standard"/>
  <xsl:param name="version"/>
  <xsl:param name="test"/>
  <xsl:param name="referenzAntragsservice"/>

  <xsl:variable name="data" select="/a:application/a:data"/>
  <xsl:variable name="bauherr" select="$data/a:section[@id='bauherr']/a:group[@id='bauherr']"/>
  <xsl:variable name="grundstueck" select="$data/a:section[@id='grundstueck']/a:group[@id='baugrundstueck']"/>
  <xsl:variable name="vorhaben" select="$data/a:section[@id='vorhaben']"/>
  <xsl:variable name="entwurfsverfasser" select="$data/a:section[@id='entwurfsverfasser']/a:group[@id='entwurfsverfasser']"/>

  <xsl:template match="/">
    <xsl:if test="not(a:application)">
      <xsl:message terminate="yes">The input is not a canonical application document.</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="a:application"/>
  </xsl:template>

  <xsl:template match="a:application">
    <xbau:baugenehmigung.antrag.0200 produkt="{$produkt}" produkthersteller="{$produkthersteller}">
      <xsl:if test="$produktversion != ''">
        <xsl:attribute name="produktversion"><xsl:value-of select="$produktversion"/></xsl:attribute>
      </xsl:if>
      <!-- standard and version are fixed by the XSD (XBau-Hochbau, 2.6); they come from the process's xoev block, so a
           wrong block fails validation instead of being corrected silently. -->
      <xsl:attribute name="standard"><xsl:value-of select="$standard"/></xsl:attribute>
      <xsl:attribute name="version"><xsl:value-of select="$version"/></xsl:attribute>
      <xsl:attribute name="test"><xsl:value-of select="$test"/></xsl:attribute>

      <nachrichtenkopf.g2g>
        <identifikation.nachricht>
          <nachrichtenUUID><xsl:value-of select="$nachrichtenUUID"/></nachrichtenUUID>
          <!-- XBau's Code.XBauNachrichten has a code only, no name element. -->
          <nachrichtentyp listURI="{$nachrichtentypListURI}" listVersionID="{$nachrichtentypListVersionID}">
            <code><xsl:value-of select="$nachrichtentypCode"/></code>
          </nachrichtentyp>
          <erstellungszeitpunkt><xsl:value-of select="$erstellungszeitpunkt"/></erstellungszeitpunkt>
        </identifikation.nachricht>
        <leser>
          <xsl:call-template name="behoerde">
            <xsl:with-param name="verzeichnisdienst" select="$leserVerzeichnisdienst"/>
            <xsl:with-param name="listVersionID" select="$leserVerzeichnisdienstListVersionID"/>
            <xsl:with-param name="kennung" select="$leserKennung"/>
            <xsl:with-param name="name" select="$leserName"/>
          </xsl:call-template>
        </leser>
        <autor>
          <xsl:call-template name="behoerde">
            <xsl:with-param name="verzeichnisdienst" select="$autorVerzeichnisdienst"/>
            <xsl:with-param name="listVersionID" select="$autorVerzeichnisdienstListVersionID"/>
            <xsl:with-param name="kennung" select="$autorKennung"/>
            <xsl:with-param name="name" select="$autorName"/>
          </xsl:call-template>
        </autor>
      </nachrichtenkopf.g2g>

      <!-- The gateway is the Antragsservice; its id of the application (the submission id) lets the authority refer to it. -->
      <xbau:referenzAntragsservice>
        <referenzAntragsservice><xsl:value-of select="$referenzAntragsservice"/></referenzAntragsservice>
      </xbau:referenzAntragsservice>
      <!-- anbindungFachverfahren, empfangendeStelle: left out; the leser in the header already names the authority. -->

      <!-- Derived: the form is filled in by the Bauherr, so the Bauherr is the Antragsteller. -->
      <xbau:antragsteller>
        <xsl:call-template name="person">
          <xsl:with-param name="group" select="$bauherr"/>
        </xsl:call-template>
      </xbau:antragsteller>

      <!-- prozessmerkmale/verfahrensart is left out: "vereinfachtes Verfahren" needs a Land's code list
           (e.g. urn:xoev-de:xbau:hh:codeliste:verfahrensart) that the gateway does not have. The process id says it. -->

      <xbau:bauvorhaben>
        <xbau:bezeichnungDesBauvorhabens>
          <xsl:value-of select="$vorhaben/a:field[@id='bezeichnung']/a:value"/>
        </xbau:bezeichnungDesBauvorhabens>
        <xbau:beteiligte>
          <xbau:bauherr>
            <xbau:bauherr>
              <xsl:call-template name="person">
                <xsl:with-param name="group" select="$bauherr"/>
              </xsl:call-template>
            </xbau:bauherr>
            <!-- artDesBauherrn (statistics code list) is not asked by the form: left out. -->
          </xbau:bauherr>
          <xsl:if test="$entwurfsverfasser">
            <xbau:entwurfsverfasser>
              <xbau:personendaten>
                <xsl:call-template name="person">
                  <xsl:with-param name="group" select="$entwurfsverfasser"/>
                </xsl:call-template>
              </xbau:personendaten>
              <!-- berechtigung (Bauvorlageberechtigung, Kammer) is not asked by the form: left out. -->
            </xbau:entwurfsverfasser>
          </xsl:if>
        </xbau:beteiligte>
        <xsl:variable name="art" select="$vorhaben/a:field[@id='art']/a:value"/>
        <xsl:if test="$art">
          <xbau:gegenstand>
            <!-- The form's options map 1:1 to urn:xoev-de:xbau:codeliste:baumassnahmeart 2.0 (fixed by the XSD). -->
            <xbau:artDerMassnahme listURI="urn:xoev-de:xbau:codeliste:baumassnahmeart" listVersionID="2.0">
              <code>
                <xsl:choose>
                  <xsl:when test="$art = 'errichtung'">11</xsl:when>
                  <xsl:when test="$art = 'aenderung'">12</xsl:when>
                  <xsl:when test="$art = 'nutzungsaenderung'">13</xsl:when>
                  <xsl:when test="$art = 'nutzungsaenderung-mit-umbau'">14</xsl:when>
                  <xsl:when test="$art = 'beseitigung'">30</xsl:when>
                  <xsl:otherwise>
                    <xsl:message terminate="yes">Field vorhaben/art holds an option this stylesheet does not know.</xsl:message>
                  </xsl:otherwise>
                </xsl:choose>
              </code>
            </xbau:artDerMassnahme>
          </xbau:gegenstand>
        </xsl:if>
        <xbau:verortung>
          <xbau:baugrundstueck>
            <xbau:grundstueck>
              <xbau:anschrift>
                <xsl:call-template name="optional">
                  <xsl:with-param name="element" select="'strasse'"/>
                  <xsl:with-param name="value" select="$grundstueck/a:field[@id='strasse']/a:value"/>
                </xsl:call-template>
                <xsl:call-template name="optional">
                  <xsl:with-param name="element" select="'hausnummer'"/>
                  <xsl:with-param name="value" select="$grundstueck/a:field[@id='hausnummer']/a:value"/>
                </xsl:call-template>
                <xsl:call-template name="optional">
                  <xsl:with-param name="element" select="'postleitzahl'"/>
                  <xsl:with-param name="value" select="$grundstueck/a:field[@id='postleitzahl']/a:value"/>
                </xsl:call-template>
                <xsl:call-template name="optional">
                  <xsl:with-param name="element" select="'ort'"/>
                  <xsl:with-param name="value" select="$grundstueck/a:field[@id='ort']/a:value"/>
                </xsl:call-template>
                <!-- gemeindeschluessel (AGS) is not asked by the form: left out. -->
              </xbau:anschrift>
              <xbau:flurstueck>
                <!-- bundesland (code list) is not asked by the form: left out. -->
                <kodierungFlurstueck>
                  <gemarkung>
                    <!-- The form asks for the Gemarkung's name, not its number. -->
                    <bezeichnung><xsl:value-of select="$grundstueck/a:field[@id='gemarkung']/a:value"/></bezeichnung>
                  </gemarkung>
                  <flur><xsl:value-of select="$grundstueck/a:field[@id='flur']/a:value"/></flur>
                  <!-- Derived: "112/3" is Zähler 112 and Nenner 3 (the form's pattern guarantees that shape). -->
                  <xsl:variable name="flurstueck" select="string($grundstueck/a:field[@id='flurstueck']/a:value)"/>
                  <xsl:choose>
                    <xsl:when test="contains($flurstueck, '/')">
                      <zaehler><xsl:value-of select="substring-before($flurstueck, '/')"/></zaehler>
                      <nenner><xsl:value-of select="substring-after($flurstueck, '/')"/></nenner>
                    </xsl:when>
                    <xsl:otherwise>
                      <zaehler><xsl:value-of select="$flurstueck"/></zaehler>
                    </xsl:otherwise>
                  </xsl:choose>
                </kodierungFlurstueck>
              </xbau:flurstueck>
            </xbau:grundstueck>
          </xbau:baugrundstueck>
        </xbau:verortung>
      </xbau:bauvorhaben>

      <xsl:if test="a:attachments/a:attachment">
        <xbau:anlagen>
          <xsl:apply-templates select="a:attachments/a:attachment"/>
        </xbau:anlagen>
      </xsl:if>
    </xbau:baugenehmigung.antrag.0200>
  </xsl:template>

  <!--
    One uploaded file. The files travel next to the message (FIT-Connect attachments, XTA/Postkorb files); the message
    refers to each by its attachment id (urn:uuid:…), file name, size and SHA-256. Left out: anlageart and mimeType
    (both need Land or XBau code list versions the form does not determine).
  -->
  <xsl:template match="a:attachment">
    <anlage>
      <bezeichnung>
        <!-- The label of the file field the file was uploaded to, e.g. "Bauvorlagen (Lageplan, …)". -->
        <xsl:value-of select="/a:application/a:data//a:field[a:attachmentRef = current()/@id][1]/a:label"/>
      </bezeichnung>
      <anhangOderVerlinkung>
        <anhang hashValue="{a:sha256}">
          <!-- filesize is a positiveInteger: an empty file has no size to state. -->
          <xsl:if test="a:size &gt; 0">
            <xsl:attribute name="filesize"><xsl:value-of select="a:size"/></xsl:attribute>
          </xsl:if>
          <dokumentid>urn:uuid:<xsl:value-of select="@id"/></dokumentid>
          <xsl:if test="a:fileName">
            <dateiname><xsl:value-of select="a:fileName"/></dateiname>
          </xsl:if>
        </anhang>
      </anhangOderVerlinkung>
    </anlage>
  </xsl:template>

  <!-- A natural person (xbauk:Akteur/natuerlichePerson) from a group with vorname, familienname, address and e-mail. -->
  <xsl:template name="person">
    <xsl:param name="group"/>
    <natuerlichePerson>
      <name>
        <familienname><name><xsl:value-of select="$group/a:field[@id='familienname']/a:value"/></name></familienname>
        <vorname><name><xsl:value-of select="$group/a:field[@id='vorname']/a:value"/></name></vorname>
      </name>
      <xsl:if test="$group/a:field[@id='ort']">
        <anschrift>
          <xsl:call-template name="optional">
            <xsl:with-param name="element" select="'strasse'"/>
            <xsl:with-param name="value" select="$group/a:field[@id='strasse']/a:value"/>
          </xsl:call-template>
          <xsl:call-template name="optional">
            <xsl:with-param name="element" select="'hausnummer'"/>
            <xsl:with-param name="value" select="$group/a:field[@id='hausnummer']/a:value"/>
          </xsl:call-template>
          <xsl:call-template name="optional">
            <xsl:with-param name="element" select="'postleitzahl'"/>
            <xsl:with-param name="value" select="$group/a:field[@id='postleitzahl']/a:value"/>
          </xsl:call-template>
          <xsl:call-template name="optional">
            <xsl:with-param name="element" select="'ort'"/>
            <xsl:with-param name="value" select="$group/a:field[@id='ort']/a:value"/>
          </xsl:call-template>
          <!-- staat is left out: the form takes German addresses only and does not ask for it. -->
        </anschrift>
      </xsl:if>
      <xsl:if test="$group/a:field[@id='email']/a:value">
        <kommunikation>
          <!-- Code 01 (E-Mail) of urn:de:xoev:codeliste:erreichbarkeit version 3, the list shipped in samples/codelists. -->
          <kanal listURI="urn:de:xoev:codeliste:erreichbarkeit" listVersionID="3">
            <code>01</code>
          </kanal>
          <kennung><xsl:value-of select="$group/a:field[@id='email']/a:value"/></kennung>
        </kommunikation>
      </xsl:if>
    </natuerlichePerson>
  </xsl:template>

  <xsl:template name="behoerde">
    <xsl:param name="verzeichnisdienst"/>
    <xsl:param name="listVersionID"/>
    <xsl:param name="kennung"/>
    <xsl:param name="name"/>
    <verzeichnisdienst listVersionID="{$listVersionID}">
      <code><xsl:value-of select="$verzeichnisdienst"/></code>
    </verzeichnisdienst>
    <kennung><xsl:value-of select="$kennung"/></kennung>
    <name><xsl:value-of select="$name"/></name>
  </xsl:template>

  <!-- An element only when the form has a value for it (XBau wants absent rather than empty elements). All elements
       written through here are declared unqualified (Kernmodul types, or form="unqualified" in the Baukasten). -->
  <xsl:template name="optional">
    <xsl:param name="element"/>
    <xsl:param name="value"/>
    <xsl:if test="string($value) != ''">
      <xsl:element name="{$element}" namespace=""><xsl:value-of select="$value"/></xsl:element>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
