<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Account</name>
    <message>
        <source>an account lacks id, name or provider</source>
        <translation>einem Konto fehlen ID, Name oder Anbieter</translation>
    </message>
    <message>
        <source>account &apos;%1&apos; has an unknown auth scheme &apos;%2&apos;</source>
        <translation>Konto „%1“ hat ein unbekanntes Authentifizierungsverfahren „%2“</translation>
    </message>
    <message>
        <source>account &apos;%1&apos; has an invalid interval</source>
        <translation>Konto „%1“ hat ein ungültiges Intervall</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Bearer token</source>
        <translation>Bearer-Token</translation>
    </message>
    <message>
        <source>Basic (user name and app password)</source>
        <translation>Basic (Benutzername und App-Passwort)</translation>
    </message>
    <message>
        <source>PRIVATE-TOKEN header</source>
        <translation>PRIVATE-TOKEN-Header</translation>
    </message>
    <message>
        <source>X-Shopify-Access-Token header</source>
        <translation>X-Shopify-Access-Token-Header</translation>
    </message>
    <message>
        <source>Bot token</source>
        <translation>Bot-Token</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n Sekunde</numerusform>
            <numerusform>%n Sekunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Add Account</source>
        <translation>Konto hinzufügen</translation>
    </message>
    <message>
        <source>Edit Account “%1”</source>
        <translation>Konto „%1“ bearbeiten</translation>
    </message>
    <message>
        <source>Edit Account</source>
        <translation>Konto bearbeiten</translation>
    </message>
    <message>
        <source>This account no longer exists.</source>
        <translation>Dieses Konto existiert nicht mehr.</translation>
    </message>
    <message>
        <source>e.g. GitHub (work)</source>
        <translation>z. B. GitHub (Arbeit)</translation>
    </message>
    <message>
        <source>https://api.example.com</source>
        <translation>https://api.example.com</translation>
    </message>
    <message>
        <source>Adaptive</source>
        <translation>Adaptiv</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>A fixed probe interval. Adaptive probes rarely while far from the limit and more often near it. Backoff and Retry-After always apply.</source>
        <translation>Ein festes Abfrageintervall. Adaptiv fragt selten ab, solange das Limit fern ist, und häufiger in seiner Nähe. Backoff und Retry-After gelten immer.</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>Leave empty to keep the stored token</source>
        <translation>Leer lassen, um das gespeicherte Token zu behalten</translation>
    </message>
    <message>
        <source>Stored in the system keychain, never in a file.</source>
        <translation>Wird im Schlüsselbund des Systems gespeichert, nie in einer Datei.</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>&amp;Anbieter:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation>&amp;Basis-URL:</translation>
    </message>
    <message>
        <source>Probe &amp;path:</source>
        <translation>Abfrage&amp;pfad:</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>Parameter:</translation>
    </message>
    <message>
        <source>&amp;Interval:</source>
        <translation>&amp;Intervall:</translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation>&amp;Authentifizierung:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>Testergebnis</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>Probe once with these settings, without saving them.</source>
        <translation>Einmal mit diesen Einstellungen abfragen, ohne sie zu speichern.</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Entfernen …</translation>
    </message>
    <message>
        <source>This provider has no request that reveals the quota cheaply: give a probe path of your own.</source>
        <translation>Dieser Anbieter hat keine Anfrage, die das Kontingent günstig verrät: Geben Sie einen eigenen Abfragepfad an.</translation>
    </message>
    <message>
        <source>Probe: %1 %2</source>
        <translation>Abfrage: %1 %2</translation>
    </message>
    <message>
        <source>free: the probe spends no quota</source>
        <translation>kostenlos: die Abfrage verbraucht kein Kontingent</translation>
    </message>
    <message numerus="yes">
        <source>costs %n unit(s) of quota per probe</source>
        <translation>
            <numerusform>kostet %n Einheit des Kontingents pro Abfrage</numerusform>
            <numerusform>kostet %n Einheiten des Kontingents pro Abfrage</numerusform>
        </translation>
    </message>
    <message>
        <source>quota window usually %1</source>
        <translation>Kontingentfenster meist %1</translation>
    </message>
    <message>
        <source>/path/that/returns/rate-limit/headers</source>
        <translation>/pfad/der/ratenlimit/header/liefert</translation>
    </message>
    <message>
        <source>The token contains characters that cannot be sent in a header (line breaks, control or non-ASCII characters).</source>
        <translation>Das Token enthält Zeichen, die nicht in einem Header gesendet werden können (Zeilenumbrüche, Steuerzeichen oder Nicht-ASCII-Zeichen).</translation>
    </message>
    <message>
        <source>Enter a name for the account.</source>
        <translation>Geben Sie einen Namen für das Konto ein.</translation>
    </message>
    <message>
        <source>An account named “%1” already exists.</source>
        <translation>Ein Konto namens „%1“ existiert bereits.</translation>
    </message>
    <message>
        <source>Enter the base URL of the API.</source>
        <translation>Geben Sie die Basis-URL der API ein.</translation>
    </message>
    <message>
        <source>Use https: a token may travel over plain http only to this computer (localhost).</source>
        <translation>Verwenden Sie https: Ein Token darf nur zu diesem Computer (localhost) über unverschlüsseltes http übertragen werden.</translation>
    </message>
    <message>
        <source>The base URL is not usable: %1</source>
        <translation>Die Basis-URL ist nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>The probe path must start with “/”.</source>
        <translation>Der Abfragepfad muss mit „/“ beginnen.</translation>
    </message>
    <message>
        <source>This provider needs a probe path.</source>
        <translation>Dieser Anbieter benötigt einen Abfragepfad.</translation>
    </message>
    <message>
        <source>Enter a value for the parameter “%1”.</source>
        <translation>Geben Sie einen Wert für den Parameter „%1“ ein.</translation>
    </message>
    <message>
        <source>Basic authentication needs a user name.</source>
        <translation>Basic-Authentifizierung benötigt einen Benutzernamen.</translation>
    </message>
    <message>
        <source>Enter the token.</source>
        <translation>Geben Sie das Token ein.</translation>
    </message>
    <message>
        <source>Saving the token in the keychain…</source>
        <translation>Token wird im Schlüsselbund gespeichert …</translation>
    </message>
    <message>
        <source>The token could not be stored in the keychain: %1</source>
        <translation>Das Token konnte nicht im Schlüsselbund gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The account could not be saved: %1</source>
        <translation>Das Konto konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Remove Account</source>
        <translation>Konto entfernen</translation>
    </message>
    <message>
        <source>Remove the account “%1”? Its token is deleted from the keychain; its recorded history stays.</source>
        <translation>Das Konto „%1“ entfernen? Sein Token wird aus dem Schlüsselbund gelöscht; sein aufgezeichneter Verlauf bleibt erhalten.</translation>
    </message>
    <message>
        <source>The account could not be removed: %1</source>
        <translation>Das Konto konnte nicht entfernt werden: %1</translation>
    </message>
    <message>
        <source>The account was removed, but its token could not be deleted from the keychain: %1</source>
        <translation>Das Konto wurde entfernt, aber sein Token konnte nicht aus dem Schlüsselbund gelöscht werden: %1</translation>
    </message>
    <message>
        <source>Reading the stored token…</source>
        <translation>Gespeichertes Token wird gelesen …</translation>
    </message>
    <message>
        <source>The stored token could not be read: %1</source>
        <translation>Das gespeicherte Token konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Probing %1…</source>
        <translation>%1 wird abgefragt …</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>Zustand: %1</translation>
    </message>
    <message numerus="yes">
        <source>this probe spent %n unit(s)</source>
        <translation>
            <numerusform>diese Abfrage verbrauchte %n Einheit</numerusform>
            <numerusform>diese Abfrage verbrauchte %n Einheiten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Alert</name>
    <message>
        <source>(not shown: snoozed)</source>
        <translation>(nicht angezeigt: schlummert)</translation>
    </message>
    <message>
        <source>(not shown: do not disturb)</source>
        <translation>(nicht angezeigt: nicht stören)</translation>
    </message>
    <message>
        <source>(not shown: alerts off for this account)</source>
        <translation>(nicht angezeigt: Warnungen für dieses Konto aus)</translation>
    </message>
</context>
<context>
    <name>AlertEngine</name>
    <message>
        <source>requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>%1 of %2 left (%3 %).</source>
        <translation>%1 von %2 verbleibend (%3 %).</translation>
    </message>
    <message>
        <source>%1 left.</source>
        <translation>%1 verbleibend.</translation>
    </message>
    <message>
        <source>Resets at %1.</source>
        <translation>Zurücksetzung um %1.</translation>
    </message>
    <message>
        <source>%1: token rejected</source>
        <translation>%1: Token abgelehnt</translation>
    </message>
    <message>
        <source>Authentication failed. Edit the account and enter a new token.</source>
        <translation>Authentifizierung fehlgeschlagen. Bearbeiten Sie das Konto und geben Sie ein neues Token ein.</translation>
    </message>
    <message>
        <source>%1: probes failing</source>
        <translation>%1: Abfragen schlagen fehl</translation>
    </message>
    <message>
        <source>No successful probe since %1.</source>
        <translation>Keine erfolgreiche Abfrage seit %1.</translation>
    </message>
    <message>
        <source>%1 is rate limited</source>
        <translation>%1 wird gedrosselt</translation>
    </message>
    <message>
        <source>unknown status</source>
        <translation>unbekannter Status</translation>
    </message>
    <message>
        <source>The API refused requests (HTTP %1). Probing resumes at %2.</source>
        <translation>Die API hat Anfragen abgelehnt (HTTP %1). Abfragen werden um %2 fortgesetzt.</translation>
    </message>
    <message>
        <source>The API refused requests (HTTP %1).</source>
        <translation>Die API hat Anfragen abgelehnt (HTTP %1).</translation>
    </message>
    <message>
        <source>%1: %2 quota restored</source>
        <translation>%1: Kontingent %2 wiederhergestellt</translation>
    </message>
    <message>
        <source>%1: %2 quota almost exhausted</source>
        <translation>%1: Kontingent %2 fast erschöpft</translation>
    </message>
    <message>
        <source>%1: %2 quota low</source>
        <translation>%1: Kontingent %2 niedrig</translation>
    </message>
    <message>
        <source>%1: %2 near its limit</source>
        <translation>%1: %2 nahe am Limit</translation>
    </message>
    <message>
        <source>The provider reports the quota is nearly used up.</source>
        <translation>Der Anbieter meldet, dass das Kontingent fast aufgebraucht ist.</translation>
    </message>
    <message>
        <source>The provider reports the quota is nearly used up. %1</source>
        <translation>Der Anbieter meldet, dass das Kontingent fast aufgebraucht ist. %1</translation>
    </message>
    <message>
        <source>%1: %2 will run dry before its reset</source>
        <translation>%1: %2 ist vor der Zurücksetzung erschöpft</translation>
    </message>
    <message>
        <source>At the current rate it runs dry ≈ %1, resets %2.</source>
        <translation>Beim aktuellen Verbrauch erschöpft ≈ %1, Zurücksetzung %2.</translation>
    </message>
    <message>
        <source>%1: token expires soon</source>
        <translation>%1: Token läuft bald ab</translation>
    </message>
    <message>
        <source>The token expires %1. Create a new token and update the account before then.</source>
        <translation>Das Token läuft %1 ab. Erstellen Sie vorher ein neues Token und aktualisieren Sie das Konto.</translation>
    </message>
</context>
<context>
    <name>AppIcon</name>
    <message>
        <source>ok</source>
        <translation>in Ordnung</translation>
    </message>
    <message>
        <source>near limit</source>
        <translation>nahe am Limit</translation>
    </message>
    <message>
        <source>throttled</source>
        <translation>gedrosselt</translation>
    </message>
    <message>
        <source>authentication failed</source>
        <translation>Authentifizierung fehlgeschlagen</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen …</translation>
    </message>
    <message>
        <source>Export History</source>
        <translation>Verlauf exportieren</translation>
    </message>
    <message>
        <source>Samples (every reading)</source>
        <translation>Messwerte (jede Ablesung)</translation>
    </message>
    <message>
        <source>Events (throttling, alerts, errors)</source>
        <translation>Ereignisse (Drosselungen, Warnungen, Fehler)</translation>
    </message>
    <message>
        <source>Summary (per account, resource and period)</source>
        <translation>Zusammenfassung (pro Konto, Ressource und Zeitraum)</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Dieser Monat</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>Stunde</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Choose where to save the CSV file</source>
        <translation>Wählen Sie, wo die CSV-Datei gespeichert wird</translation>
    </message>
    <message>
        <source>from</source>
        <translation>von</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>&amp;Report:</source>
        <translation>&amp;Bericht:</translation>
    </message>
    <message>
        <source>R&amp;ange:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>A&amp;ccounts:</source>
        <translation>K&amp;onten:</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Periode:</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>There is no history file to export from.</source>
        <translation>Es gibt keine Verlaufsdatei, aus der exportiert werden kann.</translation>
    </message>
    <message>
        <source>The start of the range must be before its end.</source>
        <translation>Der Beginn des Zeitraums muss vor seinem Ende liegen.</translation>
    </message>
    <message>
        <source>Check at least one account.</source>
        <translation>Wählen Sie mindestens ein Konto aus.</translation>
    </message>
    <message>
        <source>Choose a file to export to.</source>
        <translation>Wählen Sie eine Datei für den Export.</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Cancel Export</source>
        <translation>Export &amp;abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Export läuft …</translation>
    </message>
    <message numerus="yes">
        <source>Exporting… %n row(s) written</source>
        <translation>
            <numerusform>Export läuft … %n Zeile geschrieben</numerusform>
            <numerusform>Export läuft … %n Zeilen geschrieben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to %1.</source>
        <translation>
            <numerusform>%n Zeile nach %1 exportiert.</numerusform>
            <numerusform>%n Zeilen nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>Export abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Der Export ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
    </message>
</context>
<context>
    <name>PasteResponseDialog</name>
    <message>
        <source>Fixed reference time (UTC):</source>
        <translation>Feste Bezugszeit (UTC):</translation>
    </message>
    <message>
        <source>&amp;Read</source>
        <translation>&amp;Auswerten</translation>
    </message>
    <message>
        <source>Paste a Response</source>
        <translation>Antwort einfügen</translation>
    </message>
    <message>
        <source>HTTP/1.1 200 OK
x-ratelimit-limit: 5000
x-ratelimit-remaining: 4999
…</source>
        <translation>HTTP/1.1 200 OK
x-ratelimit-limit: 5000
x-ratelimit-remaining: 4999
…</translation>
    </message>
    <message>
        <source>Relative values (seconds until reset) are counted from this time; without it, from now.</source>
        <translation>Relative Werte (Sekunden bis zur Zurücksetzung) werden ab diesem Zeitpunkt gezählt, sonst ab jetzt.</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>&amp;Anbieter:</translation>
    </message>
    <message>
        <source>Choose a provider.</source>
        <translation>Wählen Sie einen Anbieter.</translation>
    </message>
    <message>
        <source>Paste a response head first: the status line and the header lines.</source>
        <translation>Fügen Sie zuerst einen Antwortkopf ein: die Statuszeile und die Header-Zeilen.</translation>
    </message>
    <message>
        <source>This is not an HTTP response head.</source>
        <translation>Dies ist kein HTTP-Antwortkopf.</translation>
    </message>
    <message>
        <source>This is not an HTTP response head: %1</source>
        <translation>Dies ist kein HTTP-Antwortkopf: %1</translation>
    </message>
</context>
<context>
    <name>PlaceholderWindow</name>
    <message>
        <source>Headroom</source>
        <translation>Headroom</translation>
    </message>
    <message>
        <source>Headroom demo: the dashboard is on its way.</source>
        <translation>Headroom-Demo: Das Dashboard ist in Arbeit.</translation>
    </message>
    <message>
        <source>Headroom: the dashboard is on its way.</source>
        <translation>Headroom: Das Dashboard ist in Arbeit.</translation>
    </message>
</context>
<context>
    <name>ReadingView</name>
    <message>
        <source>Warnings:</source>
        <translation>Warnungen:</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>Ressource</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Verbleibend</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Verbraucht</translation>
    </message>
    <message>
        <source>Reset at</source>
        <translation>Zurücksetzung um</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>Near limit</source>
        <translation>Nahe am Limit</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Quotas</source>
        <translation>Kontingente</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>HTTP status %1</source>
        <translation>HTTP-Status %1</translation>
    </message>
    <message>
        <source>no HTTP status</source>
        <translation>kein HTTP-Status</translation>
    </message>
    <message>
        <source>throttled</source>
        <translation>gedrosselt</translation>
    </message>
    <message>
        <source>retry after %1 s</source>
        <translation>erneut versuchen nach %1 s</translation>
    </message>
    <message>
        <source>rate limiting is disabled on this server</source>
        <translation>Ratenbegrenzung ist auf diesem Server deaktiviert</translation>
    </message>
    <message>
        <source>the response carries no rate-limit fields</source>
        <translation>die Antwort enthält keine Ratenlimit-Felder</translation>
    </message>
    <message numerus="yes">
        <source>%n quota(s)</source>
        <translation>
            <numerusform>%n Kontingent</numerusform>
            <numerusform>%n Kontingente</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>no token stored for this account</source>
        <translation>für dieses Konto ist kein Token gespeichert</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Hide Headroom</source>
        <translation>Headroom ausblenden</translation>
    </message>
    <message>
        <source>Probe All Accounts</source>
        <translation>Alle Konten abfragen</translation>
    </message>
    <message>
        <source>Close to Tray</source>
        <translation>Beim Schließen im Infobereich bleiben</translation>
    </message>
    <message>
        <source>Start Minimised</source>
        <translation>Minimiert starten</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Headroom</source>
        <translation>Headroom</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Headroom: no accounts</source>
        <translation>Headroom: keine Konten</translation>
    </message>
    <message numerus="yes">
        <source>Headroom: %n account(s), all ok</source>
        <translation>
            <numerusform>Headroom: %n Konto, alles in Ordnung</numerusform>
            <numerusform>Headroom: %n Konten, alle in Ordnung</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Headroom: %n account(s)</source>
        <translation>
            <numerusform>Headroom: %n Konto</numerusform>
            <numerusform>Headroom: %n Konten</numerusform>
        </translation>
    </message>
    <message>
        <source>Show Headroom</source>
        <translation>Headroom anzeigen</translation>
    </message>
</context>
<context>
    <name>UrlPolicy</name>
    <message>
        <source>invalid URL</source>
        <translation>ungültige URL</translation>
    </message>
    <message>
        <source>plain http is refused for %1: use https (http only to a loopback address)</source>
        <translation>unverschlüsseltes http wird für %1 abgelehnt: https verwenden (http nur zu einer Loopback-Adresse)</translation>
    </message>
    <message>
        <source>unsupported URL scheme &apos;%1&apos;</source>
        <translation>nicht unterstütztes URL-Schema „%1“</translation>
    </message>
    <message>
        <source>base URL &apos;%1&apos; is not an absolute URL</source>
        <translation>Basis-URL „%1“ ist keine absolute URL</translation>
    </message>
    <message>
        <source>base URL must not contain credentials</source>
        <translation>die Basis-URL darf keine Zugangsdaten enthalten</translation>
    </message>
    <message>
        <source>base URL must not contain a query or fragment</source>
        <translation>die Basis-URL darf weder Abfrage noch Fragment enthalten</translation>
    </message>
</context>
</TS>
