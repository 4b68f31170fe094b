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
    <message>
        <source>Use https: a token may travel over plain http only to this computer (127.0.0.1 or [::1]).</source>
        <translation>Verwenden Sie https: Ein Token darf nur zu diesem Computer (127.0.0.1 oder [::1]) über unverschlüsseltes http übertragen werden.</translation>
    </message>
    <message>
        <source>x-api-key header</source>
        <translation>x-api-key-Header</translation>
    </message>
    <message>
        <source>SSWS API token</source>
        <translation>SSWS-API-Token</translation>
    </message>
    <message>
        <source>The account was kept: its token could not be deleted from the keychain: %1</source>
        <translation>Das Konto wurde behalten: Sein Token konnte nicht aus dem Schlüsselbund gelöscht werden: %1</translation>
    </message>
    <message>
        <source>e.g. search=/search/code?q=x keys=/api-keys</source>
        <translation>z. B. search=/search/code?q=x keys=/api-keys</translation>
    </message>
    <message>
        <source>Routes with a tighter limit than the API&apos;s own, probed on their own with this token: NAME=PATH, separated by spaces. Each is shown as the resource NAME and scheduled on its own limit.</source>
        <translation>Routen mit einem engeren Limit als dem der API, eigens mit diesem Token abgefragt: NAME=PFAD, durch Leerzeichen getrennt. Jede wird als Ressource NAME angezeigt und nach ihrem eigenen Limit geplant.</translation>
    </message>
    <message>
        <source>Extra &amp;routes:</source>
        <translation>Zusätzliche &amp;Routen:</translation>
    </message>
    <message>
        <source>api-key header (resource key)</source>
        <translation>api-key-Header (Ressourcenschlüssel)</translation>
    </message>
    <message>
        <source>work</source>
        <translation>Arbeit</translation>
    </message>
    <message>
        <source>CI</source>
        <translation>CI</translation>
    </message>
    <message>
        <source>deploy bot</source>
        <translation>Deploy-Bot</translation>
    </message>
    <message>
        <source>production</source>
        <translation>Produktion</translation>
    </message>
    <message>
        <source>team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>staging</source>
        <translation>Staging</translation>
    </message>
    <message>
        <source>e.g. Internal API (%1)</source>
        <translation>z. B. Interne API (%1)</translation>
    </message>
    <message>
        <source>e.g. %1 (%2)</source>
        <translation>z. B. %1 (%2)</translation>
    </message>
</context>
<context>
    <name>AccountFilterProxyModel</name>
    <message>
        <source>%1, resumes in %2</source>
        <translation>%1, weiter in %2</translation>
    </message>
    <message>
        <source>%1 · imbalanced</source>
        <translation>%1 · unausgewogen</translation>
    </message>
</context>
<context>
    <name>AccountService</name>
    <message>
        <source>no such account</source>
        <translation>kein solches Konto</translation>
    </message>
    <message>
        <source>no pool named &apos;%1&apos;</source>
        <translation>kein Pool namens „%1“</translation>
    </message>
</context>
<context>
    <name>AccountStore</name>
    <message>
        <source>%1: %2 (fix or move the file; it was left untouched)</source>
        <translation>%1: %2 (Datei reparieren oder verschieben; sie wurde nicht verändert)</translation>
    </message>
    <message>
        <source>not valid JSON (%1)</source>
        <translation>kein gültiges JSON (%1)</translation>
    </message>
    <message>
        <source>unsupported version %1</source>
        <translation>nicht unterstützte Version %1</translation>
    </message>
    <message>
        <source>&quot;accounts&quot; is not a list</source>
        <translation>„accounts“ ist keine Liste</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>the existing file is malformed</source>
        <translation>die vorhandene Datei ist fehlerhaft</translation>
    </message>
    <message>
        <source>cannot create the directory</source>
        <translation>das Verzeichnis kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>the account name must be non-empty and not start or end with spaces</source>
        <translation>der Kontoname darf nicht leer sein und nicht mit Leerzeichen beginnen oder enden</translation>
    </message>
    <message>
        <source>the account name contains a control character</source>
        <translation>der Kontoname enthält ein Steuerzeichen</translation>
    </message>
    <message>
        <source>unknown provider &apos;%1&apos; (one of: %2)</source>
        <translation>unbekannter Anbieter „%1“ (einer von: %2)</translation>
    </message>
    <message>
        <source>the probe path must start with &apos;/&apos;</source>
        <translation>der Abfragepfad muss mit „/“ beginnen</translation>
    </message>
    <message>
        <source>provider &apos;%1&apos; has no probe; give --probe-path</source>
        <translation>Anbieter „%1“ hat keine Abfrage; --probe-path angeben</translation>
    </message>
    <message>
        <source>provider &apos;%1&apos; needs --param %2=VALUE</source>
        <translation>Anbieter „%1“ benötigt --param %2=WERT</translation>
    </message>
    <message>
        <source>basic auth needs --user</source>
        <translation>Basic-Authentifizierung benötigt --user</translation>
    </message>
    <message>
        <source>the interval must be at least 10 seconds</source>
        <translation>das Intervall muss mindestens 10 Sekunden betragen</translation>
    </message>
    <message>
        <source>an account named &apos;%1&apos; already exists</source>
        <translation>ein Konto namens „%1“ existiert bereits</translation>
    </message>
    <message>
        <source>cannot set permissions</source>
        <translation>die Berechtigungen können nicht gesetzt werden</translation>
    </message>
    <message>
        <source>no account named &apos;%1&apos;</source>
        <translation>kein Konto namens „%1“</translation>
    </message>
    <message>
        <source>the route name &apos;%1&apos; may hold only letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos; (at most 40)</source>
        <translation>der Routenname „%1“ darf nur Buchstaben, Ziffern, „-“, „_“ und „.“ enthalten (höchstens 40)</translation>
    </message>
    <message>
        <source>the route &apos;%1&apos; is given twice</source>
        <translation>die Route „%1“ ist zweimal angegeben</translation>
    </message>
    <message>
        <source>the path of route &apos;%1&apos; must start with a single &apos;/&apos;</source>
        <translation>der Pfad der Route „%1“ muss mit einem einzelnen „/“ beginnen</translation>
    </message>
    <message>
        <source>the path of route &apos;%1&apos; contains a space or control character</source>
        <translation>der Pfad der Route „%1“ enthält ein Leerzeichen oder ein Steuerzeichen</translation>
    </message>
    <message>
        <source>the pool name must be non-empty and not start or end with spaces</source>
        <translation>der Poolname darf nicht leer sein und nicht mit Leerzeichen beginnen oder enden</translation>
    </message>
    <message>
        <source>a pool named &apos;%1&apos; already exists</source>
        <translation>ein Pool namens „%1“ existiert bereits</translation>
    </message>
    <message>
        <source>a pool needs at least one account</source>
        <translation>ein Pool braucht mindestens ein Konto</translation>
    </message>
    <message>
        <source>no account with id &apos;%1&apos;</source>
        <translation>kein Konto mit der ID „%1“</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a %2 account; a pool holds accounts of one provider (%3)</source>
        <translation>„%1“ ist ein %2-Konto; ein Pool enthält Konten eines einzigen Anbieters (%3)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is already in the pool &apos;%2&apos;</source>
        <translation>„%1“ ist bereits im Pool „%2“</translation>
    </message>
</context>
<context>
    <name>AccountTableModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 T %2 h</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>vor %1</translation>
    </message>
    <message>
        <source>%1/h</source>
        <translation>%1/h</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>Ressource</translation>
    </message>
    <message>
        <source>Remaining / limit</source>
        <translation>Verbleibend / Limit</translation>
    </message>
    <message>
        <source>Resets in</source>
        <translation>Zurücksetzung in</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Last probe</source>
        <translation>Letzte Abfrage</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Only repository, project and workspace access tokens report their limit; no Bitbucket token reports remaining or reset. App passwords, API tokens and OAuth consumers get no rate-limit headers at all.</source>
        <translation>Nur Repository-, Projekt- und Workspace-Zugriffstokens melden ihr Limit; kein Bitbucket-Token meldet Verbleibendes oder Zurücksetzung. App-Passwörter, API-Tokens und OAuth-Consumer erhalten überhaupt keine Ratenlimit-Header.</translation>
    </message>
    <message>
        <source>%1 / %2 (documented)</source>
        <translation>%1 / %2 (dokumentiert)</translation>
    </message>
    <message>
        <source>documented limit %1</source>
        <translation>dokumentiertes Limit %1</translation>
    </message>
    <message>
        <source>limit %1</source>
        <translation>Limit %1</translation>
    </message>
    <message>
        <source>last known limit %1</source>
        <translation>zuletzt bekanntes Limit %1</translation>
    </message>
    <message>
        <source>not near limit</source>
        <translation>nicht nahe am Limit</translation>
    </message>
    <message>
        <source>near limit (under 20 % left)</source>
        <translation>nahe am Limit (unter 20 % übrig)</translation>
    </message>
    <message>
        <source>near limit</source>
        <translation>nahe am Limit</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 · %2 × 429</source>
        <translation>%1 · %2 × 429</translation>
    </message>
    <message>
        <source>Documented limit: %1, from %2&apos;s documentation, not measured: the responses carry no limit.</source>
        <translation>Dokumentiertes Limit: %1, aus der Dokumentation von %2, nicht gemessen: Die Antworten enthalten kein Limit.</translation>
    </message>
    <message>
        <source>%1 reports the limit (%2) but no remaining count and no reset, so how much is left is unknown.</source>
        <translation>%1 meldet das Limit (%2), aber weder die verbleibende Anzahl noch die Zurücksetzung; wie viel übrig ist, ist daher unbekannt.</translation>
    </message>
    <message>
        <source>Last stored limit: %1; the next probe says whether the provider reported it.</source>
        <translation>Zuletzt gespeichertes Limit: %1; die nächste Abfrage zeigt, ob der Anbieter es gemeldet hat.</translation>
    </message>
    <message numerus="yes">
        <source>Own cost: %n request(s) in the last hour.</source>
        <translation>
            <numerusform>Eigene Kosten: %n Anfrage in der letzten Stunde.</numerusform>
            <numerusform>Eigene Kosten: %n Anfragen in der letzten Stunde.</numerusform>
        </translation>
    </message>
    <message>
        <source>429s in the last 24 h: %1.</source>
        <translation>429er in den letzten 24 h: %1.</translation>
    </message>
    <message>
        <source>reset %1, awaiting probe</source>
        <translation>zurückgesetzt %1, wartet auf Abfrage</translation>
    </message>
    <message>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n bucket(s) unknown</source>
        <translation>
            <numerusform>%1 · %n Kontingent unbekannt</numerusform>
            <numerusform>%1 · %n Kontingente unbekannt</numerusform>
        </translation>
    </message>
    <message>
        <source>No reading yet: the pool&apos;s figures follow once each member has answered.</source>
        <translation>Noch keine Messung: Die Werte des Pools folgen, sobald jedes Mitglied geantwortet hat.</translation>
    </message>
    <message>
        <source>Load balancing looks broken: %1 throttled or nearly empty while %2 has more than half left.</source>
        <translation>Die Lastverteilung scheint gestört: %1 gedrosselt oder fast leer, während %2 noch mehr als die Hälfte übrig hat.</translation>
    </message>
    <message>
        <source>Load balancing looks broken: a member is throttled or nearly empty while another has more than half left.</source>
        <translation>Die Lastverteilung scheint gestört: Ein Mitglied ist gedrosselt oder fast leer, während ein anderes noch mehr als die Hälfte übrig hat.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n bucket(s) report no remaining count or limit; the figures are the sums over the others, so the pool holds at least that much.</source>
        <translation>
            <numerusform>%1: %n Kontingent meldet keinen Restwert oder kein Limit; die Werte sind die Summen der übrigen, der Pool hält also mindestens so viel.</numerusform>
            <numerusform>%1: %n Kontingente melden keinen Restwert oder kein Limit; die Werte sind die Summen der übrigen, der Pool hält also mindestens so viel.</numerusform>
        </translation>
    </message>
    <message>
        <source>Throttled: %1.</source>
        <translation>Gedrosselt: %1.</translation>
    </message>
    <message>
        <source>%1 resets between %2 and %3.</source>
        <translation>%1 wird zwischen %2 und %3 zurückgesetzt.</translation>
    </message>
    <message>
        <source>Members: %1.</source>
        <translation>Mitglieder: %1.</translation>
    </message>
    <message numerus="yes">
        <source>pool of %n</source>
        <translation>
            <numerusform>Pool aus %n Konto</numerusform>
            <numerusform>Pool aus %n Konten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · lowest of %n</source>
        <translation>
            <numerusform>%1 · niedrigstes von %n</numerusform>
            <numerusform>%1 · niedrigstes von %n</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 · 1 of %n</source>
        <translation>
            <numerusform>%1 · 1 von %n</numerusform>
            <numerusform>%1 · 1 von %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Shares one bucket with other members of the pool “%1”: their tokens draw from the same quota.</source>
        <translation>Teilt ein Kontingent mit anderen Mitgliedern des Pools „%1“: Ihre Tokens zehren vom selben Kontingent.</translation>
    </message>
    <message>
        <source>What is left of the quota and its limit. An account with several resources shows its lowest and names it; a pool shows the sum over its distinct buckets.</source>
        <translation>Was vom Kontingent übrig ist, und sein Limit. Ein Konto mit mehreren Ressourcen zeigt die niedrigste und nennt sie; ein Pool zeigt die Summe über seine getrennten Kontingente.</translation>
    </message>
    <message>
        <source>The last 24 hours of the quota in % left. Light ticks: resets. Red marks: refusals (HTTP 429). Point at it for the reading at that time.</source>
        <translation>Die letzten 24 Stunden des Kontingents in % übrig. Helle Striche: Zurücksetzungen. Rote Marken: Ablehnungen (HTTP 429). Mit der Maus darauf zeigen, um die Messung zu diesem Zeitpunkt zu sehen.</translation>
    </message>
    <message>
        <source>Time until the quota resets; once passed, when it reset, until the next probe reads the new window.</source>
        <translation>Zeit bis zur Zurücksetzung des Kontingents; danach, wann es zurückgesetzt wurde, bis die nächste Abfrage das neue Zeitfenster liest.</translation>
    </message>
    <message>
        <source>Own cost: the requests Headroom&apos;s own probes made to this provider in the last hour. Most probes are free; a paid one counts against the quota it watches.</source>
        <translation>Eigene Kosten: die Anfragen, die Headrooms eigene Abfragen in der letzten Stunde an diesen Anbieter gestellt haben. Die meisten Abfragen sind kostenlos; eine kostenpflichtige zählt gegen das Kontingent, das sie beobachtet.</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>The worst condition first: throttled, auth failed, critical, error, warning, stale, no data, OK.</source>
        <translation>Der schlimmste Zustand zuerst: gedrosselt, Anmeldung fehlgeschlagen, kritisch, Fehler, Warnung, veraltet, keine Daten, OK.</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>Polled by %1; this window shows what it records.</source>
        <translation>Abgefragt von %1; dieses Fenster zeigt, was dort aufgezeichnet wird.</translation>
    </message>
    <message>
        <source>This machine has no token for this account: it is shown read-only.</source>
        <translation>Dieser Rechner hat kein Token für dieses Konto: Es wird nur angezeigt.</translation>
    </message>
    <message>
        <source>%1 ago by %2</source>
        <translation>vor %1 von %2</translation>
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
    <message>
        <source>%1: the load is not spread over the pool</source>
        <translation>%1: Die Last verteilt sich nicht über den Pool</translation>
    </message>
    <message>
        <source>Running out: %1. More than half left: %2. The requests do not reach every token alike.</source>
        <translation>Fast erschöpft: %1. Mehr als die Hälfte übrig: %2. Die Anfragen erreichen nicht alle Tokens gleichmäßig.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>The server rejected the token (HTTP 401): edit the account and enter a new token.</source>
        <translation>Der Server hat das Token abgelehnt (HTTP 401): Bearbeiten Sie das Konto und geben Sie ein neues Token ein.</translation>
    </message>
    <message>
        <source>The server rejected the token (HTTP 401).</source>
        <translation>Der Server hat das Token abgelehnt (HTTP 401).</translation>
    </message>
    <message>
        <source>The API refuses every member&apos;s requests.</source>
        <translation>Die API lehnt die Anfragen aller Mitglieder ab.</translation>
    </message>
    <message>
        <source>The API refused requests.</source>
        <translation>Die API hat Anfragen abgelehnt.</translation>
    </message>
    <message>
        <source>Probing resumes at %1.</source>
        <translation>Die Abfragen werden um %1 fortgesetzt.</translation>
    </message>
</context>
<context>
    <name>AlertSettingsDialog</name>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Ein</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Alert settings</source>
        <translation>Warnungseinstellungen</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>Alle Konten</translation>
    </message>
    <message>
        <source>Warn when less than this share of a quota is left.</source>
        <translation>Warnen, wenn weniger als dieser Anteil eines Kontingents verbleibt.</translation>
    </message>
    <message>
        <source>&amp;Warning below:</source>
        <translation>&amp;Warnung unter:</translation>
    </message>
    <message>
        <source>&amp;Critical below:</source>
        <translation>&amp;Kritisch unter:</translation>
    </message>
    <message>
        <source>Warn when the current rate will use up a quota before it resets</source>
        <translation>Warnen, wenn der aktuelle Verbrauch ein Kontingent vor seiner Zurücksetzung aufbraucht</translation>
    </message>
    <message>
        <source>Do not disturb (alerts are still recorded in the event log)</source>
        <translation>Nicht stören (Warnungen werden weiterhin im Ereignisprotokoll aufgezeichnet)</translation>
    </message>
    <message>
        <source>optional, e.g. /usr/local/bin/page-oncall</source>
        <translation>optional, z. B. /usr/local/bin/page-oncall</translation>
    </message>
    <message>
        <source>Runs for every alert shown. It gets HEADROOM_ALERT_ACCOUNT, _RULE, _SEVERITY, _REMAINING, _LIMIT, _RESET_AT and _MESSAGE in its environment; never a token.</source>
        <translation>Wird bei jeder angezeigten Warnung ausgeführt. Es erhält HEADROOM_ALERT_ACCOUNT, _RULE, _SEVERITY, _REMAINING, _LIMIT, _RESET_AT und _MESSAGE in seiner Umgebung, niemals ein Token.</translation>
    </message>
    <message>
        <source>Alert co&amp;mmand:</source>
        <translation>Warnungs&amp;befehl:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Command &amp;timeout:</source>
        <translation>Befehls-&amp;Zeitlimit:</translation>
    </message>
    <message>
        <source>Per account</source>
        <translation>Pro Konto</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>Prognose</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Schlummern</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Off: alerts for this account are recorded but not shown.</source>
        <translation>Aus: Warnungen für dieses Konto werden aufgezeichnet, aber nicht angezeigt.</translation>
    </message>
    <message>
        <source>Not snoozed</source>
        <translation>Nicht schlummernd</translation>
    </message>
    <message>
        <source>Clear snooze</source>
        <translation>Schlummern beenden</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>Until reset</source>
        <translation>Bis zur Zurücksetzung</translation>
    </message>
    <message>
        <source>Until…</source>
        <translation>Bis …</translation>
    </message>
    <message>
        <source>Snoozed until %1</source>
        <translation>Schlummert bis %1</translation>
    </message>
    <message>
        <source>The critical threshold must be below the warning threshold.</source>
        <translation>Die kritische Schwelle muss unter der Warnschwelle liegen.</translation>
    </message>
    <message>
        <source>%1: the critical threshold must be below the warning threshold.</source>
        <translation>%1: Die kritische Schwelle muss unter der Warnschwelle liegen.</translation>
    </message>
</context>
<context>
    <name>AttentionModel</name>
    <message>
        <source>&lt;1 %</source>
        <translation>&lt;1 %</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Pool %1</source>
        <translation>Pool %1</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>resets %1 (%2)</source>
        <translation>wird %1 zurückgesetzt (%2)</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 übrig</translation>
    </message>
    <message>
        <source>%1 of %2 left</source>
        <translation>%1 von %2 übrig</translation>
    </message>
    <message>
        <source>Throttled (HTTP %1)</source>
        <translation>Gedrosselt (HTTP %1)</translation>
    </message>
    <message>
        <source>Throttled</source>
        <translation>Gedrosselt</translation>
    </message>
    <message>
        <source>%1 exhausted</source>
        <translation>%1 erschöpft</translation>
    </message>
    <message>
        <source>probing resumes %1 (%2)</source>
        <translation>Abfragen ab %1 wieder (%2)</translation>
    </message>
    <message>
        <source>Token refused (HTTP %1)</source>
        <translation>Token abgelehnt (HTTP %1)</translation>
    </message>
    <message>
        <source>Token refused</source>
        <translation>Token abgelehnt</translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>seit %1</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Nicht erreichbar</translation>
    </message>
    <message>
        <source>Probe failing</source>
        <translation>Abfrage schlägt fehl</translation>
    </message>
    <message>
        <source>near its limit of %1 (the provider&apos;s flag)</source>
        <translation>nahe an seinem Limit von %1 (Kennzeichen des Anbieters)</translation>
    </message>
    <message>
        <source>near its limit (the provider&apos;s flag)</source>
        <translation>nahe an seinem Limit (Kennzeichen des Anbieters)</translation>
    </message>
    <message>
        <source>runs dry ≈ %1</source>
        <translation>erschöpft ≈ %1</translation>
    </message>
    <message>
        <source>Runs dry ≈ %1</source>
        <translation>Erschöpft ≈ %1</translation>
    </message>
    <message>
        <source>Token expires %1 (%2)</source>
        <translation>Token läuft %1 ab (%2)</translation>
    </message>
    <message>
        <source>Uneven load: a member is under its critical threshold while another has more than half left</source>
        <translation>Ungleiche Last: ein Mitglied liegt unter seiner kritischen Schwelle, während ein anderes mehr als die Hälfte übrig hat</translation>
    </message>
    <message>
        <source>Uneven load: %1 throttled while another member has more than half left</source>
        <translation>Ungleiche Last: %1 gedrosselt, während ein anderes Mitglied mehr als die Hälfte übrig hat</translation>
    </message>
    <message>
        <source>refused at %1, no resume time given</source>
        <translation>abgelehnt um %1, keine Zeit zum Fortsetzen angegeben</translation>
    </message>
</context>
<context>
    <name>AttentionView</name>
    <message>
        <source>Show them</source>
        <translation>Wieder anzeigen</translation>
    </message>
    <message>
        <source>Bring back the lines you dismissed or snoozed here</source>
        <translation>Die hier ausgeblendeten oder schlummernden Zeilen wieder anzeigen</translation>
    </message>
    <message>
        <source>For 1 &amp;hour</source>
        <translation>Für 1 &amp;Stunde</translation>
    </message>
    <message>
        <source>For &amp;4 hours</source>
        <translation>Für &amp;4 Stunden</translation>
    </message>
    <message>
        <source>Until the &amp;reset (%1)</source>
        <translation>Bis zum &amp;Zurücksetzen (%1)</translation>
    </message>
    <message>
        <source>Until the &amp;reset</source>
        <translation>Bis zum &amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>No reset time is known for this account</source>
        <translation>Für dieses Konto ist kein Zeitpunkt des Zurücksetzens bekannt</translation>
    </message>
    <message>
        <source>Until &amp;tomorrow 09:00</source>
        <translation>Bis &amp;morgen 09:00</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Change the account&apos;s token or settings</source>
        <translation>Token oder Einstellungen des Kontos ändern</translation>
    </message>
    <message>
        <source>demo token</source>
        <translation>Demo-Token</translation>
    </message>
    <message>
        <source>The demo&apos;s accounts are fixed: run Headroom without --demo to add your own.</source>
        <translation>Die Konten der Demo sind fest vorgegeben: Starten Sie Headroom ohne --demo, um eigene hinzuzufügen.</translation>
    </message>
    <message>
        <source>Hide this account&apos;s lines and mute its alerts for a while</source>
        <translation>Die Zeilen dieses Kontos ausblenden und seine Warnungen eine Weile stummschalten</translation>
    </message>
    <message>
        <source>Open chart</source>
        <translation>Diagramm öffnen</translation>
    </message>
    <message>
        <source>Select the account and show its chart</source>
        <translation>Das Konto auswählen und sein Diagramm zeigen</translation>
    </message>
    <message>
        <source>Dismiss: the line comes back if its severity changes</source>
        <translation>Ausblenden: die Zeile kehrt zurück, wenn sich ihr Schweregrad ändert</translation>
    </message>
    <message>
        <source>Select the pool&apos;s member in trouble and show its chart</source>
        <translation>Das betroffene Mitglied des Pools auswählen und sein Diagramm zeigen</translation>
    </message>
    <message>
        <source>Nothing else needs attention</source>
        <translation>Sonst ist nichts zu beachten</translation>
    </message>
    <message>
        <source>Nothing needs attention</source>
        <translation>Nichts ist zu beachten</translation>
    </message>
    <message>
        <source>dismissed or snoozed: %1</source>
        <translation>ausgeblendet oder schlummernd: %1</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Schlummern</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>unknown command &apos;%1&apos; (see &apos;%2 --help&apos;)</source>
        <translation>unbekannter Befehl „%1“ (siehe „%2 --help“)</translation>
    </message>
    <message>
        <source>%1: %2 (see &apos;%3 %1 --help&apos;)</source>
        <translation>%1: %2 (siehe „%3 %1 --help“)</translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation>Diese Hilfe zeigen und beenden.</translation>
    </message>
    <message>
        <source>Usage: %1</source>
        <translation>Aufruf: %1</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Befehle:</translation>
    </message>
    <message>
        <source>Arguments:</source>
        <translation>Argumente:</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>Optionen:</translation>
    </message>
    <message>
        <source>Usage: %1 [--demo]</source>
        <translation>Aufruf: %1 [--demo]</translation>
    </message>
    <message>
        <source>       %1 COMMAND [options]</source>
        <translation>       %1 BEFEHL [Optionen]</translation>
    </message>
    <message>
        <source>Headroom watches the API rate-limit quotas of the accounts you configure. Without a command it opens the dashboard; the commands below work without a window.</source>
        <translation>Headroom überwacht die Ratenlimit-Kontingente der eingerichteten Konten. Ohne Befehl öffnet es das Dashboard; die folgenden Befehle arbeiten ohne Fenster.</translation>
    </message>
    <message>
        <source>help COMMAND</source>
        <translation>help BEFEHL</translation>
    </message>
    <message>
        <source>Show the help of COMMAND, the same as COMMAND --help</source>
        <translation>Die Hilfe zu BEFEHL zeigen, wie BEFEHL --help</translation>
    </message>
    <message>
        <source>Open the dashboard against built-in simulated APIs (no token needed).</source>
        <translation>Das Dashboard mit eingebauten simulierten APIs öffnen (kein Token nötig).</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>Die Version zeigen und beenden.</translation>
    </message>
    <message>
        <source>Exit codes: 0 success, 1 a runtime failure, 2 a usage error. Run &apos;%1 COMMAND --help&apos; for the options of a command.</source>
        <translation>Exit-Codes: 0 Erfolg, 1 Laufzeitfehler, 2 Aufruffehler. &apos;%1 BEFEHL --help&apos; zeigt die Optionen eines Befehls.</translation>
    </message>
    <message>
        <source>tokens are never accepted on the command line; use --token-stdin or the prompt of &apos;headroom account add&apos;</source>
        <translation>Tokens werden nie auf der Befehlszeile angenommen; --token-stdin oder die Eingabeaufforderung von &apos;headroom account add&apos; verwenden</translation>
    </message>
    <message>
        <source>missing command, one of: %1</source>
        <translation>Befehl fehlt, einer von: %1</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;, expected one of: %2</source>
        <translation>unbekannter Befehl &apos;%1&apos;, erwartet wird einer von: %2</translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos;; a value that begins with &apos;-&apos; goes after &apos;--&apos;</source>
        <translation>unbekannte Option &apos;%1&apos;; ein Wert, der mit &apos;-&apos; beginnt, gehört hinter &apos;--&apos;</translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos;</source>
        <translation>unbekannte Option &apos;%1&apos;</translation>
    </message>
    <message>
        <source>help: unknown command &apos;%1&apos; (see &apos;%2 --help&apos;)</source>
        <translation>help: unbekannter Befehl &apos;%1&apos; (siehe &apos;%2 --help&apos;)</translation>
    </message>
    <message>
        <source>no known probe (give --probe-path)</source>
        <translation>keine bekannte Abfrage (--probe-path angeben)</translation>
    </message>
    <message>
        <source>%1: %2, %3</source>
        <translation>%1: %2, %3</translation>
    </message>
    <message>
        <source>free</source>
        <translation>kostenlos</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>kostenpflichtig</translation>
    </message>
    <message>
        <source>needs %1</source>
        <translation>braucht %1</translation>
    </message>
    <message numerus="yes">
        <source>give exactly one NAME (got %n)</source>
        <translation>
            <numerusform>genau einen NAMEN angeben (erhalten: %n)</numerusform>
            <numerusform>genau einen NAMEN angeben (erhalten: %n)</numerusform>
        </translation>
    </message>
    <message>
        <source>--provider ID is required</source>
        <translation>--provider ID ist erforderlich</translation>
    </message>
    <message>
        <source>--param needs KEY=VALUE</source>
        <translation>--param braucht SCHLÜSSEL=WERT</translation>
    </message>
    <message>
        <source>--interval needs a number of seconds, at least 10</source>
        <translation>--interval braucht eine Anzahl Sekunden, mindestens 10</translation>
    </message>
    <message>
        <source>unknown provider &apos;%1&apos; (one of: %2)</source>
        <translation>unbekannter Anbieter „%1“ (einer von: %2)</translation>
    </message>
    <message>
        <source>unknown auth scheme &apos;%1&apos; (one of: %2)</source>
        <translation>unbekanntes Authentifizierungsverfahren &apos;%1&apos; (eines von: %2)</translation>
    </message>
    <message>
        <source>Token for %1: </source>
        <translation>Token für %1: </translation>
    </message>
    <message>
        <source>cannot read the token from the terminal</source>
        <translation>das Token kann nicht vom Terminal gelesen werden</translation>
    </message>
    <message>
        <source>no terminal to prompt for the token: pipe it and pass --token-stdin</source>
        <translation>kein Terminal für die Token-Eingabe: das Token über eine Pipe übergeben und --token-stdin angeben</translation>
    </message>
    <message>
        <source>added account &apos;%1&apos; (%2)</source>
        <translation>Konto &apos;%1&apos; hinzugefügt (%2)</translation>
    </message>
    <message>
        <source>takes no arguments</source>
        <translation>nimmt keine Argumente</translation>
    </message>
    <message>
        <source>No accounts yet. Add one with:
  headroom account add NAME --provider ID
&apos;headroom account add --help&apos; lists the provider ids.</source>
        <translation>Noch keine Konten. Eines hinzufügen mit:
  headroom account add NAME --provider ID
&apos;headroom account add --help&apos; listet die Anbieter-IDs.</translation>
    </message>
    <message>
        <source>every %1 s</source>
        <translation>alle %1 s</translation>
    </message>
    <message>
        <source>no account named &apos;%1&apos;</source>
        <translation>kein Konto namens „%1“</translation>
    </message>
    <message>
        <source>removed account &apos;%1&apos;</source>
        <translation>Konto &apos;%1&apos; entfernt</translation>
    </message>
    <message>
        <source>Add, list and remove the accounts Headroom watches</source>
        <translation>Die von Headroom überwachten Konten hinzufügen, auflisten und entfernen</translation>
    </message>
    <message>
        <source>add|list|remove ...</source>
        <translation>add|list|remove …</translation>
    </message>
    <message>
        <source>The accounts Headroom watches. Their settings live in accounts.json; each token lives in the keychain.</source>
        <translation>Die Konten, die Headroom überwacht. Ihre Einstellungen stehen in accounts.json; jedes Token liegt im Schlüsselbund.</translation>
    </message>
    <message>
        <source>Add an account; its token goes to the keychain</source>
        <translation>Ein Konto hinzufügen; sein Token kommt in den Schlüsselbund</translation>
    </message>
    <message>
        <source>NAME --provider ID [options]</source>
        <translation>NAME --provider ID [Optionen]</translation>
    </message>
    <message>
        <source>Adds an account to watch. The token is read from a prompt that does not echo it, or with --token-stdin from standard input, and kept in the keychain: never in a file, never on the command line.</source>
        <translation>Fügt ein zu überwachendes Konto hinzu. Das Token wird über eine Eingabeaufforderung gelesen, die es nicht anzeigt, oder mit --token-stdin von der Standardeingabe, und im Schlüsselbund aufbewahrt: nie in einer Datei, nie auf der Befehlszeile.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>A name of your choice, unique among the accounts.</source>
        <translation>Ein frei wählbarer Name, eindeutig unter den Konten.</translation>
    </message>
    <message>
        <source>The provider, one of the ids listed below.</source>
        <translation>Der Anbieter, eine der unten aufgeführten IDs.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>The API&apos;s base URL, when it is not the provider&apos;s default (self-hosted, a region).</source>
        <translation>Die Basis-URL der API, wenn sie von der Vorgabe des Anbieters abweicht (selbst gehostet, eine Region).</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Probe this path instead of the provider&apos;s probe.</source>
        <translation>Diesen Pfad statt der Abfrage des Anbieters abfragen.</translation>
    </message>
    <message>
        <source>PATH</source>
        <translation>PFAD</translation>
    </message>
    <message>
        <source>A value the probe path needs, such as workspace=acme; repeatable.</source>
        <translation>Ein Wert, den der Abfragepfad benötigt, etwa workspace=acme; wiederholbar.</translation>
    </message>
    <message>
        <source>KEY=VALUE</source>
        <translation>SCHLÜSSEL=WERT</translation>
    </message>
    <message>
        <source>Probe every SECONDS (at least 10) instead of adaptively; backoff and Retry-After still apply.</source>
        <translation>Fest alle SEKUNDEN Sekunden (mindestens 10) abfragen statt adaptiv; Backoff und Retry-After gelten weiterhin.</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SEKUNDEN</translation>
    </message>
    <message>
        <source>How the token is sent, when not the provider&apos;s default: %1.</source>
        <translation>Wie das Token gesendet wird, wenn abweichend von der Vorgabe des Anbieters: %1.</translation>
    </message>
    <message>
        <source>SCHEME</source>
        <translation>VERFAHREN</translation>
    </message>
    <message>
        <source>The user name, for --auth basic.</source>
        <translation>Der Benutzername, für --auth basic.</translation>
    </message>
    <message>
        <source>USER</source>
        <translation>BENUTZER</translation>
    </message>
    <message>
        <source>Read the token from standard input instead of a prompt.</source>
        <translation>Das Token von der Standardeingabe lesen statt über eine Eingabeaufforderung.</translation>
    </message>
    <message>
        <source>Providers (--provider ID: name, what the probe requests, its cost):</source>
        <translation>Anbieter (--provider ID: Name, was die Abfrage anfordert, ihre Kosten):</translation>
    </message>
    <message>
        <source>List the accounts</source>
        <translation>Die Konten auflisten</translation>
    </message>
    <message>
        <source>[--json]</source>
        <translation>[--json]</translation>
    </message>
    <message>
        <source>Remove an account and its token</source>
        <translation>Ein Konto und sein Token entfernen</translation>
    </message>
    <message>
        <source>Removes the account and deletes its token from the keychain. Its history is kept.</source>
        <translation>Entfernt das Konto und löscht sein Token aus dem Schlüsselbund. Sein Verlauf bleibt erhalten.</translation>
    </message>
    <message>
        <source>The account, as &apos;headroom account list&apos; names it.</source>
        <translation>Das Konto, so benannt wie in „headroom account list“.</translation>
    </message>
    <message>
        <source>export: takes no arguments; name the file with --out</source>
        <translation>export: nimmt keine Argumente; die Datei mit --out angeben</translation>
    </message>
    <message>
        <source>export: --kind must be samples, events or summary, not &apos;%1&apos;</source>
        <translation>export: --kind muss samples, events oder summary sein, nicht „%1“</translation>
    </message>
    <message>
        <source>export: %1 &apos;%2&apos; is not an ISO 8601 time or date (e.g. 2026-11-01 or 2026-11-01T08:00:00Z)</source>
        <translation>export: %1 „%2“ ist keine ISO-8601-Zeit oder -Datumsangabe (z. B. 2026-11-01 oder 2026-11-01T08:00:00Z)</translation>
    </message>
    <message>
        <source>export: --account needs a name</source>
        <translation>export: --account benötigt einen Namen</translation>
    </message>
    <message>
        <source>export: --period must be hour or day, not &apos;%1&apos;</source>
        <translation>export: --period muss hour oder day sein, nicht „%1“</translation>
    </message>
    <message>
        <source>export: --out needs a file name or -</source>
        <translation>export: --out benötigt einen Dateinamen oder -</translation>
    </message>
    <message>
        <source>export: --kind samples|events|summary is required</source>
        <translation>export: --kind samples|events|summary ist erforderlich</translation>
    </message>
    <message>
        <source>export: --out FILE|- is required</source>
        <translation>export: --out DATEI|- ist erforderlich</translation>
    </message>
    <message>
        <source>export: --period applies only to --kind summary</source>
        <translation>export: --period gilt nur für --kind summary</translation>
    </message>
    <message>
        <source>export: --from must be before --to</source>
        <translation>export: --from muss vor --to liegen</translation>
    </message>
    <message>
        <source>export: %1</source>
        <translation>export: %1</translation>
    </message>
    <message>
        <source>export: no account named &apos;%1&apos; in the history</source>
        <translation>export: kein Konto namens „%1“ im Verlauf</translation>
    </message>
    <message>
        <source>Write the recorded history as CSV: samples, events or a summary</source>
        <translation>Den aufgezeichneten Verlauf als CSV schreiben: Messwerte, Ereignisse oder eine Zusammenfassung</translation>
    </message>
    <message>
        <source>--kind samples|events|summary --out FILE|- [options]</source>
        <translation>--kind samples|events|summary --out DATEI|- [Optionen]</translation>
    </message>
    <message>
        <source>Writes the history as CSV (RFC 4180, UTF-8, times in UTC): every sample, every event, or a summary per account, resource and period. A file is replaced only once complete.</source>
        <translation>Schreibt den Verlauf als CSV (RFC 4180, UTF-8, Zeiten in UTC): jeden Messwert, jedes Ereignis oder eine Zusammenfassung pro Konto, Ressource und Zeitraum. Eine Datei wird erst ersetzt, wenn sie vollständig ist.</translation>
    </message>
    <message>
        <source>What to write: samples, events or summary.</source>
        <translation>Was geschrieben wird: samples, events oder summary.</translation>
    </message>
    <message>
        <source>The file to write; - writes to standard output.</source>
        <translation>Die zu schreibende Datei; - schreibt in die Standardausgabe.</translation>
    </message>
    <message>
        <source>FILE|-</source>
        <translation>DATEI|-</translation>
    </message>
    <message>
        <source>Only from this time or date on (ISO 8601).</source>
        <translation>Erst ab dieser Zeit oder diesem Datum (ISO 8601).</translation>
    </message>
    <message>
        <source>ISO</source>
        <translation>ISO</translation>
    </message>
    <message>
        <source>Only before this time or date (ISO 8601).</source>
        <translation>Nur vor dieser Zeit oder diesem Datum (ISO 8601).</translation>
    </message>
    <message>
        <source>The period of each summary row (default: day).</source>
        <translation>Der Zeitraum jeder Zeile der Zusammenfassung (Standard: day).</translation>
    </message>
    <message>
        <source>--now: &apos;%1&apos; is not an ISO 8601 date-time</source>
        <translation>--now: „%1“ ist keine ISO-8601-Zeitangabe</translation>
    </message>
    <message>
        <source>inspect reads one input; got &apos;%1&apos; and &apos;%2&apos;</source>
        <translation>inspect liest eine Eingabe; erhalten: „%1“ und „%2“</translation>
    </message>
    <message>
        <source>unknown provider &apos;%1&apos; (valid: %2)</source>
        <translation>unbekannter Anbieter „%1“ (gültig: %2)</translation>
    </message>
    <message>
        <source>cannot read standard input</source>
        <translation>Standardeingabe kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>cannot read &apos;%1&apos;: %2</source>
        <translation>„%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the input is larger than %1 MiB</source>
        <translation>die Eingabe ist größer als %1 MiB</translation>
    </message>
    <message>
        <source>not an HTTP response head: %1</source>
        <translation>kein HTTP-Antwortkopf: %1</translation>
    </message>
    <message>
        <source>Read an HTTP response head and print the quotas it states, as JSON</source>
        <translation>Einen HTTP-Antwortkopf lesen und die darin genannten Kontingente als JSON ausgeben</translation>
    </message>
    <message>
        <source>[--provider ID] [--now ISO-8601] [FILE|-]</source>
        <translation>[--provider ID] [--now ISO-8601] [DATEI|-]</translation>
    </message>
    <message>
        <source>Reads an HTTP response head (the status line and the header lines, as curl -i or a browser shows them) and prints one JSON object: the status, whether it was throttled, and every quota the headers state. Nothing is sent anywhere.</source>
        <translation>Liest einen HTTP-Antwortkopf (die Statuszeile und die Header-Zeilen, wie curl -i oder ein Browser sie zeigt) und gibt ein JSON-Objekt aus: den Status, ob gedrosselt wurde, und jedes Kontingent, das die Header nennen. Es wird nichts irgendwohin gesendet.</translation>
    </message>
    <message>
        <source>The response head; &apos;-&apos; or nothing reads standard input.</source>
        <translation>Der Antwortkopf; „-“ oder keine Angabe liest die Standardeingabe.</translation>
    </message>
    <message>
        <source>Read the headers as this provider does (default: generic, which detects the dialect). The ids are listed by &apos;headroom account add --help&apos;.</source>
        <translation>Die Header so lesen, wie dieser Anbieter es tut (Standard: generic, erkennt den Dialekt). Die IDs listet „headroom account add --help“ auf.</translation>
    </message>
    <message>
        <source>The reference time for relative values such as seconds until a reset (default: the clock).</source>
        <translation>Die Bezugszeit für relative Werte wie Sekunden bis zur Zurücksetzung (Standard: die Systemuhr).</translation>
    </message>
    <message>
        <source>ISO-8601</source>
        <translation>ISO-8601</translation>
    </message>
    <message>
        <source>no accounts to probe; add one with &apos;headroom account add NAME --provider ID&apos;</source>
        <translation>keine Konten abzufragen; eines hinzufügen mit &apos;headroom account add NAME --provider ID&apos;</translation>
    </message>
    <message>
        <source>results could not be recorded in the history</source>
        <translation>Ergebnisse konnten nicht im Verlauf aufgezeichnet werden</translation>
    </message>
    <message>
        <source>Probe each account (or the named ones) once and record the results</source>
        <translation>Jedes Konto (oder die genannten) einmal abfragen und die Ergebnisse aufzeichnen</translation>
    </message>
    <message>
        <source>[--json] [NAME...]</source>
        <translation>[--json] [NAME …]</translation>
    </message>
    <message>
        <source>Sends each account its probe once, prints one line per account and records the results in the history. A provider&apos;s refusal (401, 429) is a result, not a failure.</source>
        <translation>Sendet für jedes Konto einmal seine Abfrage, gibt eine Zeile pro Konto aus und zeichnet die Ergebnisse im Verlauf auf. Eine Ablehnung durch den Anbieter (401, 429) ist ein Ergebnis, kein Fehler.</translation>
    </message>
    <message>
        <source>Probe only these accounts (default: all).</source>
        <translation>Nur diese Konten abfragen (Standard: alle).</translation>
    </message>
    <message>
        <source>Print one JSON object per line instead.</source>
        <translation>Stattdessen ein JSON-Objekt pro Zeile ausgeben.</translation>
    </message>
    <message>
        <source>Keys:</source>
        <translation>Schlüssel:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>%1 Allowed: %2. Default: %3.</source>
        <translation>%1 Zulässig: %2. Standardwert: %3.</translation>
    </message>
    <message>
        <source>give one KEY</source>
        <translation>einen SCHLÜSSEL angeben</translation>
    </message>
    <message>
        <source>give a KEY and a VALUE</source>
        <translation>einen SCHLÜSSEL und einen WERT angeben</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos;, one of: %2</source>
        <translation>unbekannter Schlüssel &apos;%1&apos;, einer von: %2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>set (default: %1)</source>
        <translation>gesetzt (Standard: %1)</translation>
    </message>
    <message>
        <source>They are kept in headroom.conf in Headroom&apos;s configuration directory ($XDG_CONFIG_HOME/headroom/), which the dashboard&apos;s settings also use.</source>
        <translation>Sie stehen in headroom.conf im Konfigurationsverzeichnis von Headroom ($XDG_CONFIG_HOME/headroom/), das auch die Einstellungen des Dashboards verwenden.</translation>
    </message>
    <message>
        <source>Show and change settings: list, get KEY, set KEY VALUE, unset KEY</source>
        <translation>Einstellungen anzeigen und ändern: list, get SCHLÜSSEL, set SCHLÜSSEL WERT, unset SCHLÜSSEL</translation>
    </message>
    <message>
        <source>list|get|set|unset ...</source>
        <translation>list|get|set|unset …</translation>
    </message>
    <message>
        <source>The settings a server needs without a window.</source>
        <translation>Die Einstellungen, die ein Server ohne Fenster braucht.</translation>
    </message>
    <message>
        <source>Show every key, its value and whether that is the default</source>
        <translation>Jeden Schlüssel mit Wert anzeigen und ob das der Standardwert ist</translation>
    </message>
    <message>
        <source>Shows every key, its value, and whether that is the default or what the default is.</source>
        <translation>Zeigt jeden Schlüssel, seinen Wert und ob das der Standardwert ist oder wie der Standardwert lautet.</translation>
    </message>
    <message>
        <source>KEY</source>
        <translation>SCHLÜSSEL</translation>
    </message>
    <message>
        <source>One of the keys below.</source>
        <translation>Einer der unten aufgeführten Schlüssel.</translation>
    </message>
    <message>
        <source>Print the value of KEY</source>
        <translation>Den Wert von SCHLÜSSEL ausgeben</translation>
    </message>
    <message>
        <source>Prints the value in effect of KEY: what is set, else the default.</source>
        <translation>Gibt den geltenden Wert von SCHLÜSSEL aus: den gesetzten, sonst den Standardwert.</translation>
    </message>
    <message>
        <source>Set KEY to VALUE</source>
        <translation>SCHLÜSSEL auf WERT setzen</translation>
    </message>
    <message>
        <source>KEY VALUE</source>
        <translation>SCHLÜSSEL WERT</translation>
    </message>
    <message>
        <source>Sets KEY to VALUE. A running watch or dashboard reads it when it next starts.</source>
        <translation>Setzt SCHLÜSSEL auf WERT. Ein laufender watch-Befehl oder ein laufendes Dashboard übernimmt ihn erst beim nächsten Start.</translation>
    </message>
    <message>
        <source>VALUE</source>
        <translation>WERT</translation>
    </message>
    <message>
        <source>What the key allows, as listed below.</source>
        <translation>Was der Schlüssel zulässt, wie unten aufgeführt.</translation>
    </message>
    <message>
        <source>Return KEY to its default</source>
        <translation>SCHLÜSSEL auf seinen Standardwert zurücksetzen</translation>
    </message>
    <message>
        <source>Removes KEY from the settings file, so its default applies again.</source>
        <translation>Entfernt SCHLÜSSEL aus der Einstellungsdatei, sodass wieder sein Standardwert gilt.</translation>
    </message>
    <message>
        <source>--duration needs a whole number of seconds, more than 0</source>
        <translation>--duration braucht eine ganze Zahl Sekunden, größer als 0</translation>
    </message>
    <message>
        <source>no accounts to watch; add one with &apos;headroom account add NAME --provider ID&apos;</source>
        <translation>keine Konten zu überwachen; eines hinzufügen mit &apos;headroom account add NAME --provider ID&apos;</translation>
    </message>
    <message>
        <source>Probe on schedule without a window, recording results and raising alerts</source>
        <translation>Planmäßig ohne Fenster abfragen, Ergebnisse aufzeichnen und Warnungen auslösen</translation>
    </message>
    <message>
        <source>Runs the scheduler the dashboard runs, without a window: every account is probed as its quota requires, each result is printed and recorded, and alerts fire (on the desktop, or on standard error when there is none). Stops on Ctrl+C.</source>
        <translation>Führt den Zeitplaner des Dashboards ohne Fenster aus: Jedes Konto wird so oft abgefragt, wie sein Kontingent es erfordert, jedes Ergebnis wird ausgegeben und aufgezeichnet, und Warnungen werden ausgelöst (auf dem Desktop oder, wenn es keinen gibt, auf der Standardfehlerausgabe). Endet mit Strg+C.</translation>
    </message>
    <message>
        <source>Stop after SECONDS.</source>
        <translation>Nach SEKUNDEN Sekunden beenden.</translation>
    </message>
    <message>
        <source>Warn when an account&apos;s remaining quota falls under this share of its limit.</source>
        <translation>Warnen, wenn das verbleibende Kontingent eines Kontos unter diesen Anteil seines Limits fällt.</translation>
    </message>
    <message>
        <source>Alert as critical under this share of the limit.</source>
        <translation>Kritisch warnen unter diesem Anteil des Limits.</translation>
    </message>
    <message>
        <source>Alert when the burn rate says an account runs dry before its reset.</source>
        <translation>Warnen, wenn ein Konto beim aktuellen Verbrauch vor seiner Zurücksetzung erschöpft ist.</translation>
    </message>
    <message>
        <source>Run this command for every alert, with the alert in HEADROOM_ALERT_* environment variables.</source>
        <translation>Diesen Befehl bei jeder Warnung ausführen, mit der Warnung in den Umgebungsvariablen HEADROOM_ALERT_*.</translation>
    </message>
    <message>
        <source>Keep raw samples this many days; hourly summaries are kept for good.</source>
        <translation>Rohe Messwerte so viele Tage aufbewahren; stündliche Zusammenfassungen bleiben dauerhaft erhalten.</translation>
    </message>
    <message>
        <source>a percentage, 0 to 100</source>
        <translation>ein Prozentwert, 0 bis 100</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>a command line, or empty for none</source>
        <translation>eine Befehlszeile, oder leer für keine</translation>
    </message>
    <message>
        <source>whole days, %1 to %2</source>
        <translation>ganze Tage, %1 bis %2</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>%1 must be %2, not &apos;%3&apos;</source>
        <translation>%1 muss %2 sein, nicht „%3“</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos;</source>
        <translation>unbekannter Schlüssel „%1“</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1 oder %2</translation>
    </message>
    <message>
        <source>these %1 fields are read by the generic preset: try --provider generic</source>
        <translation>diese %1-Felder liest die allgemeine Vorgabe: versuchen Sie --provider generic</translation>
    </message>
    <message>
        <source>these are IETF RateLimit fields (%1): try --provider ietf</source>
        <translation>dies sind IETF-RateLimit-Felder (%1): versuchen Sie --provider ietf</translation>
    </message>
    <message>
        <source>these are %1 %2 fields: try %3</source>
        <translation>dies sind %2-Felder von %1: versuchen Sie %3</translation>
    </message>
    <message>
        <source>--route needs NAME=PATH</source>
        <translation>--route erwartet NAME=PFAD</translation>
    </message>
    <message>
        <source>route %1=%2</source>
        <translation>Route %1=%2</translation>
    </message>
    <message>
        <source>Also probe PATH on its own, read as the resource NAME, for a route with a tighter limit than the API&apos;s (such as search=/search?q=x); repeatable. Each route is scheduled and budgeted on its own limit, with the account&apos;s token.</source>
        <translation>Fragt PFAD zusätzlich eigens ab, gelesen als Ressource NAME, für eine Route mit engerem Limit als dem der API (etwa search=/search?q=x); wiederholbar. Jede Route wird mit dem Token des Kontos nach ihrem eigenen Limit geplant und budgetiert.</translation>
    </message>
    <message>
        <source>NAME=PATH</source>
        <translation>NAME=PFAD</translation>
    </message>
    <message>
        <source>give a pool NAME and at least one ACCOUNT</source>
        <translation>geben Sie einen Poolnamen (NAME) und mindestens ein KONTO an</translation>
    </message>
    <message>
        <source>added pool &apos;%1&apos; (%2): %3</source>
        <translation>Pool „%1“ (%2) angelegt: %3</translation>
    </message>
    <message>
        <source>no pool named &apos;%1&apos;</source>
        <translation>kein Pool namens „%1“</translation>
    </message>
    <message>
        <source>removed pool &apos;%1&apos;; its accounts stay</source>
        <translation>Pool „%1“ entfernt; seine Konten bleiben</translation>
    </message>
    <message>
        <source>No pools yet. Group accounts of one provider with:
  headroom pool add NAME ACCOUNT...</source>
        <translation>Noch keine Pools. Fassen Sie Konten eines Anbieters zusammen mit:
  headroom pool add NAME KONTO...</translation>
    </message>
    <message>
        <source>Group accounts a team load-balances into pools</source>
        <translation>Konten, auf die ein Team die Last verteilt, zu Pools zusammenfassen</translation>
    </message>
    <message>
        <source>A pool is a named group of accounts of one provider that share the load. Pools live in accounts.json with the accounts; an account is in at most one pool.</source>
        <translation>Ein Pool ist eine benannte Gruppe von Konten eines Anbieters, die sich die Last teilen. Pools stehen mit den Konten in accounts.json; ein Konto gehört höchstens einem Pool an.</translation>
    </message>
    <message>
        <source>Make a pool of accounts of one provider</source>
        <translation>Einen Pool aus Konten eines Anbieters anlegen</translation>
    </message>
    <message>
        <source>NAME ACCOUNT...</source>
        <translation>NAME KONTO...</translation>
    </message>
    <message>
        <source>Groups the named accounts into the pool NAME. They must be accounts of one provider, each in no other pool.</source>
        <translation>Fasst die genannten Konten im Pool NAME zusammen. Es müssen Konten eines einzigen Anbieters sein, jedes in keinem anderen Pool.</translation>
    </message>
    <message>
        <source>A name of your choice, unique among the pools.</source>
        <translation>Ein Name Ihrer Wahl, eindeutig unter den Pools.</translation>
    </message>
    <message>
        <source>ACCOUNT</source>
        <translation>KONTO</translation>
    </message>
    <message>
        <source>An account, as &apos;headroom account list&apos; names it.</source>
        <translation>Ein Konto, wie „headroom account list“ es nennt.</translation>
    </message>
    <message>
        <source>List the pools</source>
        <translation>Die Pools auflisten</translation>
    </message>
    <message>
        <source>Lists the pools, one per line: name, provider, members.</source>
        <translation>Listet die Pools auf, einen pro Zeile: Name, Anbieter, Mitglieder.</translation>
    </message>
    <message>
        <source>Print a JSON array of the pools instead.</source>
        <translation>Stattdessen ein JSON-Array der Pools ausgeben.</translation>
    </message>
    <message>
        <source>Remove a pool; its accounts stay</source>
        <translation>Einen Pool entfernen; seine Konten bleiben</translation>
    </message>
    <message>
        <source>The pool, as &apos;headroom pool list&apos; names it.</source>
        <translation>Der Pool, wie „headroom pool list“ ihn nennt.</translation>
    </message>
    <message>
        <source>imbalanced</source>
        <translation>ungleich verteilt</translation>
    </message>
    <message>
        <source>Lists the accounts, one per line: name, provider, URL, how the token is sent, and the accounts it shares one rate-limit bucket with (one Bitbucket user, one Buildkite organization, or readings of the last day that move together). Tokens are never shown.</source>
        <translation>Listet die Konten auf, eines pro Zeile: Name, Anbieter, URL, wie das Token gesendet wird, und die Konten, mit denen es ein Ratenlimit-Kontingent teilt (ein Bitbucket-Benutzer, eine Buildkite-Organisation oder Messwerte des letzten Tages, die sich gemeinsam bewegen). Tokens werden nie angezeigt.</translation>
    </message>
    <message>
        <source>Print a JSON array of the accounts instead (shared_with: the names of the accounts sharing its bucket).</source>
        <translation>Stattdessen ein JSON-Array der Konten ausgeben (shared_with: die Namen der Konten, die sein Kontingent teilen).</translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together, with --listen</source>
        <translation>--tls-cert und --tls-key gehören zusammen, mit --listen</translation>
    </message>
    <message>
        <source>serving metrics on %1://%2:%3/metrics</source>
        <translation>Metriken unter %1://%2:%3/metrics bereitgestellt</translation>
    </message>
    <message>
        <source>Serve Prometheus metrics on /metrics and a health check on /healthz at ADDR:PORT (PORT alone: loopback).</source>
        <translation>Prometheus-Metriken unter /metrics und eine Zustandsprüfung unter /healthz auf ADRESSE:PORT bereitstellen (nur PORT: Loopback).</translation>
    </message>
    <message>
        <source>ADDR:PORT</source>
        <translation>ADRESSE:PORT</translation>
    </message>
    <message>
        <source>Serve the metrics over TLS with this PEM certificate.</source>
        <translation>Die Metriken per TLS mit diesem PEM-Zertifikat bereitstellen.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>The PEM private key of --tls-cert.</source>
        <translation>Der private PEM-Schlüssel zu --tls-cert.</translation>
    </message>
    <message>
        <source>Only this account, or a pool&apos;s summary rows as pool:NAME; repeatable.</source>
        <translation>Nur dieses Konto, oder als pool:NAME die Zusammenfassungszeilen eines Pools; wiederholbar.</translation>
    </message>
    <message>
        <source>--secret-store is keychain or systemd</source>
        <translation>--secret-store ist keychain oder systemd</translation>
    </message>
    <message>
        <source>--secret-store systemd takes no token: systemd-creds reads it</source>
        <translation>--secret-store systemd nimmt kein Token an: systemd-creds liest es ein</translation>
    </message>
    <message>
        <source>Where the token lives: keychain (the default) or systemd, for a server: the token is not asked for, and the systemd-creds command that stores it is printed.</source>
        <translation>Wo das Token liegt: keychain (Standard) oder systemd, für einen Server: Das Token wird nicht abgefragt, und der systemd-creds-Befehl, der es speichert, wird ausgegeben.</translation>
    </message>
    <message>
        <source>STORE</source>
        <translation>SPEICHER</translation>
    </message>
    <message>
        <source>--scrape-token: no scraper token in the secret store (%1); on a server, run as root: systemd-creds encrypt --name=%2 - /etc/credstore.encrypted/%2 and add LoadCredentialEncrypted=%2 to the unit</source>
        <translation>--scrape-token: kein Token für Scraper im Geheimnisspeicher (%1); auf einem Server als root ausführen: systemd-creds encrypt --name=%2 - /etc/credstore.encrypted/%2 und LoadCredentialEncrypted=%2 in die Unit eintragen</translation>
    </message>
    <message>
        <source>[--duration SECONDS] [--json] [--listen ADDR:PORT ...]</source>
        <translation>[--duration SEKUNDEN] [--json] [--listen ADRESSE:PORT ...]</translation>
    </message>
    <message>
        <source>Require &apos;Authorization: Bearer TOKEN&apos; from scrapers, TOKEN read from the secret store (the systemd credential headroom.scrape-token on a server).</source>
        <translation>Von Scrapern &apos;Authorization: Bearer TOKEN&apos; verlangen, TOKEN aus dem Geheimnisspeicher gelesen (auf einem Server die systemd-Berechtigung headroom.scrape-token).</translation>
    </message>
    <message>
        <source>no keyring to read tokens from (no D-Bus session) and no systemd credentials ($CREDENTIALS_DIRECTORY): run in a desktop session, or as the headroom-watch service with LoadCredentialEncrypted=</source>
        <translation>kein Schlüsselbund zum Lesen der Tokens (keine D-Bus-Sitzung) und keine systemd-Berechtigungen ($CREDENTIALS_DIRECTORY): in einer Desktop-Sitzung ausführen oder als Dienst headroom-watch mit LoadCredentialEncrypted=</translation>
    </message>
    <message>
        <source>--history needs a location: sqlite:PATH or postgresql://host/database</source>
        <translation>--history braucht einen Ort: sqlite:PFAD oder postgresql://host/datenbank</translation>
    </message>
    <message>
        <source>--history: %1</source>
        <translation>--history: %1</translation>
    </message>
    <message>
        <source>sqlite:PATH or postgresql://[user@]host[:port]/database</source>
        <translation>sqlite:PFAD oder postgresql://[benutzer@]host[:port]/datenbank</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>takes no arguments; name the histories with --from and --to</source>
        <translation>nimmt keine Argumente; nennen Sie die Verläufe mit --from und --to</translation>
    </message>
    <message>
        <source>--%1 URL is required (sqlite:PATH or postgresql://…)</source>
        <translation>--%1 URL ist erforderlich (sqlite:PFAD oder postgresql://…)</translation>
    </message>
    <message>
        <source>--from and --to name the same history</source>
        <translation>--from und --to nennen denselben Verlauf</translation>
    </message>
    <message>
        <source>only a SQLite history into PostgreSQL is supported (--from sqlite:PATH --to postgresql://…)</source>
        <translation>unterstützt wird nur ein SQLite-Verlauf nach PostgreSQL (--from sqlite:PFAD --to postgresql://…)</translation>
    </message>
    <message>
        <source>%1: %2 / %3 (%4 %)</source>
        <translation>%1: %2 / %3 (%4 %)</translation>
    </message>
    <message>
        <source>history migrate: %1 (run the same command again to continue where it stopped)</source>
        <translation>history migrate: %1 (führen Sie denselben Befehl erneut aus, um dort fortzufahren, wo er aufgehört hat)</translation>
    </message>
    <message>
        <source>history migrate: %1</source>
        <translation>history migrate: %1</translation>
    </message>
    <message>
        <source>TABLE</source>
        <translation>TABELLE</translation>
    </message>
    <message>
        <source>SOURCE</source>
        <translation>QUELLE</translation>
    </message>
    <message>
        <source>DESTINATION</source>
        <translation>ZIEL</translation>
    </message>
    <message>
        <source>COPIED NOW</source>
        <translation>JETZT KOPIERT</translation>
    </message>
    <message>
        <source>CHECK</source>
        <translation>PRÜFUNG</translation>
    </message>
    <message>
        <source>ok (merged with rows already there)</source>
        <translation>in Ordnung (mit schon vorhandenen Zeilen zusammengeführt)</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>in Ordnung</translation>
    </message>
    <message>
        <source>MISMATCH</source>
        <translation>ABWEICHUNG</translation>
    </message>
    <message>
        <source>history migrate: the destination&apos;s counts differ from the source&apos;s for %1; if the source was being written meanwhile, run the command again</source>
        <translation>history migrate: die Zeilenzahlen des Ziels weichen bei %1 von denen der Quelle ab; wurde die Quelle währenddessen beschrieben, führen Sie den Befehl erneut aus</translation>
    </message>
    <message>
        <source>Commands that work on a whole history rather than on the one in use.</source>
        <translation>Befehle, die mit einem ganzen Verlauf arbeiten statt mit dem verwendeten.</translation>
    </message>
    <message>
        <source>Copy a SQLite history into PostgreSQL, resumably, and check the counts</source>
        <translation>Einen SQLite-Verlauf fortsetzbar nach PostgreSQL kopieren und die Zeilenzahlen prüfen</translation>
    </message>
    <message>
        <source>--from sqlite:PATH --to postgresql://…</source>
        <translation>--from sqlite:PFAD --to postgresql://…</translation>
    </message>
    <message>
        <source>The history to copy: sqlite:PATH.</source>
        <translation>Der zu kopierende Verlauf: sqlite:PFAD.</translation>
    </message>
    <message>
        <source>The history to copy into: postgresql://[user@]host[:port]/database.</source>
        <translation>Der Verlauf, in den kopiert wird: postgresql://[benutzer@]host[:port]/datenbank.</translation>
    </message>
    <message>
        <source>Removed by the team: %1</source>
        <translation>Vom Team entfernt: %1</translation>
    </message>
    <message>
        <source>The team&apos;s accounts cannot be read now; the account is added here and joins them later: %1</source>
        <translation>Die Konten des Teams können gerade nicht gelesen werden; das Konto wird hier angelegt und kommt später hinzu: %1</translation>
    </message>
    <message>
        <source>The team does not know of it yet: %1</source>
        <translation>Das Team weiß noch nichts davon: %1</translation>
    </message>
    <message>
        <source>Listing this machine&apos;s accounts only: %1</source>
        <translation>Nur die Konten dieses Rechners werden aufgelistet: %1</translation>
    </message>
    <message>
        <source>polled by %1</source>
        <translation>abgefragt von %1</translation>
    </message>
    <message>
        <source>polled by nobody now</source>
        <translation>derzeit von niemandem abgefragt</translation>
    </message>
    <message>
        <source>%1; nothing was removed</source>
        <translation>%1; nichts wurde entfernt</translation>
    </message>
    <message>
        <source>removed account &apos;%1&apos; here, but the team still lists it: %2. Run the command again when the database can be reached.</source>
        <translation>Konto „%1“ hier entfernt, aber das Team führt es noch: %2. Führen Sie den Befehl erneut aus, wenn die Datenbank erreichbar ist.</translation>
    </message>
    <message>
        <source>Its token is the systemd credential %1, which Headroom leaves as it is.</source>
        <translation>Sein Token ist die systemd-Anmeldeinformation %1, die Headroom unverändert lässt.</translation>
    </message>
    <message>
        <source>--remove and --stdin do not go together</source>
        <translation>--remove und --stdin passen nicht zusammen</translation>
    </message>
    <message>
        <source>on a server the password is a systemd credential: as root, run systemd-creds encrypt --name=%1 - /etc/credstore.encrypted/%1 and add LoadCredentialEncrypted=%1 to the unit</source>
        <translation>auf einem Server ist das Passwort ein systemd-Credential: als root systemd-creds encrypt --name=%1 - /etc/credstore.encrypted/%1 ausführen und LoadCredentialEncrypted=%1 in die Unit eintragen</translation>
    </message>
    <message>
        <source>history password: %1</source>
        <translation>history password: %1</translation>
    </message>
    <message>
        <source>No history password in the keychain now; libpq&apos;s own files (~/.pgpass, PGPASSFILE, pg_service.conf) decide.</source>
        <translation>Kein Verlaufspasswort mehr im Schlüsselbund; es entscheiden die Dateien von libpq (~/.pgpass, PGPASSFILE, pg_service.conf).</translation>
    </message>
    <message>
        <source>Password of the shared history&apos;s database: </source>
        <translation>Passwort der Datenbank des gemeinsamen Verlaufs: </translation>
    </message>
    <message>
        <source>cannot read the password from the terminal</source>
        <translation>das Passwort kann nicht vom Terminal gelesen werden</translation>
    </message>
    <message>
        <source>no terminal to prompt for the password: pipe it and pass --stdin</source>
        <translation>kein Terminal für die Passwortabfrage: Passwort über eine Pipe übergeben und --stdin angeben</translation>
    </message>
    <message>
        <source>the password is empty</source>
        <translation>das Passwort ist leer</translation>
    </message>
    <message>
        <source>The history&apos;s password is in the keychain; every PostgreSQL history whose URL names none uses it.</source>
        <translation>Das Passwort des Verlaufs liegt im Schlüsselbund; jeder PostgreSQL-Verlauf, dessen URL keines nennt, verwendet es.</translation>
    </message>
    <message>
        <source>Work on a history as a whole: migrate, password</source>
        <translation>Mit einem Verlauf als Ganzem arbeiten: migrate, password</translation>
    </message>
    <message>
        <source>migrate | password ...</source>
        <translation>migrate | password ...</translation>
    </message>
    <message>
        <source>Copies every account, raw sample, hourly and 6-hour rollup (also those older than the raw samples kept), event and alert state of a SQLite history into a PostgreSQL history, in batches of one transaction each. Stopped in any way (Ctrl+C, a lost connection, a killed process), the same command continues where it stopped; run again, it copies only what is new. Rows already in the destination are kept, never replaced or deleted. At the end it compares the rows of each table on both sides, prints them, and exits with 1 when they differ. Progress goes to standard error. The source file is only read; stop the dashboard or headroom watch writing to it first, or run the command again afterwards. A password does not belong in the URL: keep it with &apos;headroom history password&apos;, or in ~/.pgpass.</source>
        <translation>Kopiert jedes Konto, jeden Rohmesswert, jede Stunden- und 6-Stunden-Zusammenfassung (auch die, die älter als die aufbewahrten Rohmesswerte sind), jedes Ereignis und den Warnungszustand eines SQLite-Verlaufs in einen PostgreSQL-Verlauf, in Stapeln von je einer Transaktion. Wird er auf irgendeine Weise angehalten (Strg+C, eine verlorene Verbindung, ein beendeter Prozess), fährt derselbe Befehl dort fort, wo er aufgehört hat; erneut ausgeführt, kopiert er nur Neues. Zeilen, die schon im Ziel stehen, bleiben erhalten und werden nie ersetzt oder gelöscht. Am Ende vergleicht er die Zeilen jeder Tabelle auf beiden Seiten, gibt sie aus und endet mit 1, wenn sie abweichen. Der Fortschritt geht auf die Standardfehlerausgabe. Die Quelldatei wird nur gelesen; beenden Sie zuvor das Dashboard oder headroom watch, die in sie schreiben, oder führen Sie den Befehl danach erneut aus. Ein Passwort gehört nicht in die URL: bewahren Sie es mit „headroom history password“ oder in ~/.pgpass auf.</translation>
    </message>
    <message>
        <source>Keep the password of a shared history&apos;s database in the keychain</source>
        <translation>Das Passwort der Datenbank eines gemeinsamen Verlaufs im Schlüsselbund aufbewahren</translation>
    </message>
    <message>
        <source>[--stdin | --remove]</source>
        <translation>[--stdin | --remove]</translation>
    </message>
    <message>
        <source>Stores the password Headroom gives PostgreSQL for a shared history whose URL names none, in the keychain (never in a file, the settings or the command line). Read from a prompt that does not echo it, or with --stdin from standard input. Every command and the dashboard use it for every PostgreSQL history; without it, libpq&apos;s own ~/.pgpass, PGPASSFILE or pg_service.conf decide. On a server with systemd credentials, make the credential headroom.history-password instead.</source>
        <translation>Speichert das Passwort, das Headroom PostgreSQL für einen gemeinsamen Verlauf gibt, dessen URL keines nennt, im Schlüsselbund (nie in einer Datei, den Einstellungen oder auf der Befehlszeile). Gelesen aus einer Abfrage ohne Echo oder mit --stdin von der Standardeingabe. Jeder Befehl und das Dashboard verwenden es für jeden PostgreSQL-Verlauf; ohne es entscheiden ~/.pgpass, PGPASSFILE oder pg_service.conf von libpq. Auf einem Server mit systemd-Credentials stattdessen das Credential headroom.history-password anlegen.</translation>
    </message>
    <message>
        <source>Read the password from standard input instead of a prompt.</source>
        <translation>Das Passwort von der Standardeingabe lesen statt es abzufragen.</translation>
    </message>
    <message>
        <source>Remove the stored password.</source>
        <translation>Das gespeicherte Passwort entfernen.</translation>
    </message>
    <message>
        <source>Where the history is kept: sqlite:PATH, or postgresql://[user@]host[:port]/database for a history shared by a team (the password in the keychain through &apos;headroom history password&apos;, or in ~/.pgpass; never here).</source>
        <translation>Wo der Verlauf liegt: sqlite:PFAD oder postgresql://[benutzer@]host[:port]/datenbank für einen Verlauf, den ein Team teilt (das Passwort im Schlüsselbund über „headroom history password“ oder in ~/.pgpass; nie hier).</translation>
    </message>
</context>
<context>
    <name>CsvExporter</name>
    <message>
        <source>The history is not open.</source>
        <translation>Der Verlauf ist nicht geöffnet.</translation>
    </message>
    <message>
        <source>Cannot write the report: %1</source>
        <translation>Der Bericht kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>Der Export wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Cannot read the history: %1</source>
        <translation>Der Verlauf kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cannot write to standard output.</source>
        <translation>In die Standardausgabe kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>This kind of history cannot be exported.</source>
        <translation>Diese Art von Verlauf kann nicht exportiert werden.</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message numerus="yes">
        <source>Demo: %n simulated account(s) on 127.0.0.1 with a day of synthetic history. No token and no keychain are used; nothing is saved.</source>
        <translation>
            <numerusform>Demo: %n simuliertes Konto auf 127.0.0.1 mit einem Tag synthetischem Verlauf. Es werden weder Token noch Schlüsselbund verwendet; nichts wird gespeichert.</numerusform>
            <numerusform>Demo: %n simulierte Konten auf 127.0.0.1 mit einem Tag synthetischem Verlauf. Es werden weder Token noch Schlüsselbund verwendet; nichts wird gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <source>The account could not be removed: %1</source>
        <translation>Das Konto konnte nicht entfernt werden: %1</translation>
    </message>
    <message>
        <source>The demo&apos;s accounts are fixed: run Headroom without --demo to add your own.</source>
        <translation>Die Konten der Demo sind fest vorgegeben: Starten Sie Headroom ohne --demo, um eigene hinzuzufügen.</translation>
    </message>
    <message>
        <source>The demo changes no settings. To keep the history in %1, choose it here without --demo, or run: headroom settings set history %1</source>
        <translation>Die Demo ändert keine Einstellungen. Um den Verlauf in %1 zu führen, wählen Sie ihn hier ohne --demo oder führen Sie aus: headroom settings set history %1</translation>
    </message>
    <message>
        <source>The history setting was not saved: %1</source>
        <translation>Die Einstellung für den Verlauf wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>The history moves to %1 at the next start. What is in %2 stays there; copy it with: headroom history migrate --from %2 --to %1</source>
        <translation>Der Verlauf zieht beim nächsten Start nach %1 um. Was in %2 steht, bleibt dort; kopieren Sie es mit: headroom history migrate --from %2 --to %1</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>The demo could not start its simulated APIs on 127.0.0.1.</source>
        <translation>Die Demo konnte ihre simulierten APIs auf 127.0.0.1 nicht starten.</translation>
    </message>
    <message>
        <source>%1: quota exhausted (synthetic history)</source>
        <translation>%1: Kontingent erschöpft (synthetischer Verlauf)</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>ok → auth failed: the token was revoked (synthetic history)</source>
        <translation>in Ordnung → Anmeldung fehlgeschlagen: das Token wurde widerrufen (synthetischer Verlauf)</translation>
    </message>
    <message>
        <source>rate limiting is disabled on this server (synthetic history)</source>
        <translation>Ratenbegrenzung ist auf diesem Server deaktiviert (synthetischer Verlauf)</translation>
    </message>
    <message>
        <source>%1: near limit, under 20 % left (synthetic history)</source>
        <translation>%1: nahe am Limit, unter 20 % übrig (synthetischer Verlauf)</translation>
    </message>
    <message>
        <source>Rate limit for this resource has been exceeded; no wait named (synthetic history)</source>
        <translation>Ratenlimit für diese Ressource überschritten; keine Wartezeit genannt (synthetischer Verlauf)</translation>
    </message>
</context>
<context>
    <name>EventLogModel</name>
    <message>
        <source>Throttled</source>
        <translation>Gedrosselt</translation>
    </message>
    <message>
        <source>Near limit</source>
        <translation>Nahe am Limit</translation>
    </message>
    <message>
        <source>State change</source>
        <translation>Zustandswechsel</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Muster</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1; %2</translation>
    </message>
    <message>
        <source>Throttled (HTTP %1)</source>
        <translation>Gedrosselt (HTTP %1)</translation>
    </message>
    <message>
        <source>%1 quota exhausted</source>
        <translation>Kontingent %1 erschöpft</translation>
    </message>
    <message>
        <source>the API refused requests</source>
        <translation>die API hat Anfragen abgelehnt</translation>
    </message>
    <message>
        <source>probing resumes %1 (in %2)</source>
        <translation>Abfragen ab %1 (in %2)</translation>
    </message>
    <message>
        <source>probing resumes %1</source>
        <translation>Abfragen ab %1</translation>
    </message>
    <message>
        <source>Token refused (HTTP %1)</source>
        <translation>Token abgelehnt (HTTP %1)</translation>
    </message>
    <message>
        <source>Token refused</source>
        <translation>Token abgelehnt</translation>
    </message>
    <message>
        <source>edit the account and enter a new token</source>
        <translation>Konto bearbeiten und ein neues Token eingeben</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>the server failed to answer</source>
        <translation>der Server konnte nicht antworten</translation>
    </message>
    <message>
        <source>the request was refused</source>
        <translation>die Anfrage wurde abgelehnt</translation>
    </message>
    <message>
        <source>Error (HTTP %1)</source>
        <translation>Fehler (HTTP %1)</translation>
    </message>
    <message>
        <source>Probe failed</source>
        <translation>Abfrage fehlgeschlagen</translation>
    </message>
    <message>
        <source>Probes failing</source>
        <translation>Abfragen schlagen fehl</translation>
    </message>
    <message>
        <source>no successful probe since %1</source>
        <translation>keine erfolgreiche Abfrage seit %1</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Wiederhergestellt</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>the provider flags %1 as nearly used up</source>
        <translation>der Anbieter meldet %1 als fast aufgebraucht</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 back at %2 % (%3 of %4)</source>
        <translation>%1 wieder bei %2 % (%3 von %4)</translation>
    </message>
    <message>
        <source>%1 at %2 % (%3 of %4), flagged by the provider</source>
        <translation>%1 bei %2 % (%3 von %4), vom Anbieter gemeldet</translation>
    </message>
    <message>
        <source>%1 at %2 % (%3 of %4)</source>
        <translation>%1 bei %2 % (%3 von %4)</translation>
    </message>
    <message>
        <source>%1, resets %2</source>
        <translation>%1, Zurücksetzung %2</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>Prognose</translation>
    </message>
    <message>
        <source>%1 runs dry ≈ %2, before its reset at %3</source>
        <translation>%1 erschöpft ≈ %2, vor der Zurücksetzung um %3</translation>
    </message>
    <message>
        <source>%1 of %2 left</source>
        <translation>%1 von %2 übrig</translation>
    </message>
    <message>
        <source>Token expiring</source>
        <translation>Token läuft ab</translation>
    </message>
    <message>
        <source>expires %1; create a new token and update the account</source>
        <translation>läuft %1 ab; ein neues Token erstellen und das Konto aktualisieren</translation>
    </message>
    <message>
        <source>a quota fell below the warning threshold</source>
        <translation>ein Kontingent ist unter die Warnschwelle gefallen</translation>
    </message>
    <message>
        <source>Pool %1 imbalanced</source>
        <translation>Pool %1 unausgewogen</translation>
    </message>
    <message>
        <source>Pool %1: %2</source>
        <translation>Pool %1: %2</translation>
    </message>
    <message>
        <source>An alert was raised %1.</source>
        <translation>Eine Warnung wurde ausgelöst %1.</translation>
    </message>
    <message>
        <source>An alert was raised.</source>
        <translation>Eine Warnung wurde ausgelöst.</translation>
    </message>
    <message>
        <source>%1 (pool)</source>
        <translation>%1 (Pool)</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>the demo&apos;s token is fixed</source>
        <translation>das Token der Demo ist fest vorgegeben</translation>
    </message>
</context>
<context>
    <name>EventLogView</name>
    <message>
        <source>All kinds</source>
        <translation>Alle Arten</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>Alle Konten</translation>
    </message>
    <message>
        <source>Filter events…</source>
        <translation>Ereignisse filtern …</translation>
    </message>
    <message>
        <source>&lt;b&gt;Events&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ereignisse&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
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
    <name>HistoryFollower</name>
    <message>
        <source>no connection</source>
        <translation>keine Verbindung</translation>
    </message>
    <message>
        <source>The history&apos;s schema could not be brought up to date.</source>
        <translation>Das Schema des Verlaufs konnte nicht aktualisiert werden.</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>der Server hat die Verbindung geschlossen</translation>
    </message>
    <message>
        <source>The shared history %1 cannot be reached (%2); readings of other processes are shown again once it can.</source>
        <translation>Der gemeinsame Verlauf %1 ist nicht erreichbar (%2); Messwerte anderer Prozesse werden wieder angezeigt, sobald er es ist.</translation>
    </message>
    <message>
        <source>Qt&apos;s PostgreSQL driver (QPSQL) is not installed; on Debian it is the package libqt6sql6-psql.</source>
        <translation>Der PostgreSQL-Treiber von Qt (QPSQL) ist nicht installiert; unter Debian ist es das Paket libqt6sql6-psql.</translation>
    </message>
</context>
<context>
    <name>HistoryLocation</name>
    <message>
        <source>&apos;%1&apos; is not a history Headroom can open: give sqlite:/absolute/path or postgresql://[user@]host[:port]/database</source>
        <translation>„%1“ ist kein Verlauf, den Headroom öffnen kann: geben Sie sqlite:/absoluter/pfad oder postgresql://[benutzer@]host[:port]/datenbank an</translation>
    </message>
    <message>
        <source>the history&apos;s URL holds a password, which would be kept in the shell&apos;s history, the process list and the settings file: remove it and keep it in the keychain with &apos;headroom history password&apos;, or in ~/.pgpass (or the file PGPASSFILE names, or a service in pg_service.conf)</source>
        <translation>die URL des Verlaufs enthält ein Passwort, das in der Shell-History, der Prozessliste und der Einstellungsdatei stünde: entfernen Sie es und bewahren Sie es mit „headroom history password“ im Schlüsselbund auf, oder in ~/.pgpass (oder in der Datei, die PGPASSFILE nennt, oder in einem Dienst in pg_service.conf)</translation>
    </message>
</context>
<context>
    <name>HistoryMigration</name>
    <message>
        <source>Interrupted; run the same command again to continue where it stopped.</source>
        <translation>Unterbrochen; führen Sie denselben Befehl erneut aus, um dort fortzufahren, wo er aufgehört hat.</translation>
    </message>
    <message>
        <source>Cannot write to %1: %2</source>
        <translation>Kann nicht in %1 schreiben: %2</translation>
    </message>
    <message>
        <source>No history file at %1.</source>
        <translation>Keine Verlaufsdatei unter %1.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Kann %1 nicht öffnen: %2</translation>
    </message>
    <message>
        <source>%1 is not a Headroom history: %2</source>
        <translation>%1 ist kein Headroom-Verlauf: %2</translation>
    </message>
    <message>
        <source>%1 is not a Headroom history.</source>
        <translation>%1 ist kein Headroom-Verlauf.</translation>
    </message>
    <message>
        <source>%1 was written by a newer version of Headroom (schema %2, this version knows %3).</source>
        <translation>%1 wurde von einer neueren Version von Headroom geschrieben (Schema %2, diese Version kennt %3).</translation>
    </message>
    <message>
        <source>Cannot read the accounts of the source: %1</source>
        <translation>Kann die Konten der Quelle nicht lesen: %1</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation>Keine Verbindung zu %1: %2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Kann %1 nicht lesen: %2</translation>
    </message>
    <message>
        <source>Cannot read the source: %1</source>
        <translation>Kann die Quelle nicht lesen: %1</translation>
    </message>
    <message>
        <source>The account %1 is missing from %2 after it was written.</source>
        <translation>Das Konto %1 fehlt in %2, nachdem es geschrieben wurde.</translation>
    </message>
</context>
<context>
    <name>HistorySettingsDialog</name>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Where Headroom keeps readings, events and alert state.</source>
        <translation>Wo Headroom Messwerte, Ereignisse und den Warnungsstatus aufbewahrt.</translation>
    </message>
    <message>
        <source>This &amp;computer (SQLite file)</source>
        <translation>Dieser &amp;Computer (SQLite-Datei)</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Aus&amp;wählen …</translation>
    </message>
    <message>
        <source>&amp;Shared database (PostgreSQL)</source>
        <translation>&amp;Gemeinsame Datenbank (PostgreSQL)</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>Open the chosen history as the next start would, and say what is in it</source>
        <translation>Den gewählten Verlauf öffnen wie der nächste Start und sagen, was darin steht</translation>
    </message>
    <message>
        <source>Headroom is using %1 now. A change takes effect at the next start.</source>
        <translation>Headroom verwendet jetzt %1. Eine Änderung wirkt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>This run uses %1, named with --history, which wins over this setting. A change takes effect at the next start without --history.</source>
        <translation>Dieser Lauf verwendet %1, angegeben mit --history, das Vorrang vor dieser Einstellung hat. Eine Änderung wirkt ab dem nächsten Start ohne --history.</translation>
    </message>
    <message>
        <source>The demo keeps its history in a temporary file and changes no setting: Test works here, saving a choice does not.</source>
        <translation>Die Demo führt ihren Verlauf in einer temporären Datei und ändert keine Einstellung: Testen geht hier, Speichern nicht.</translation>
    </message>
    <message>
        <source>Choose the history file.</source>
        <translation>Wählen Sie die Verlaufsdatei.</translation>
    </message>
    <message>
        <source>Give the file&apos;s full path, starting with /.</source>
        <translation>Geben Sie den vollständigen Pfad der Datei an, beginnend mit /.</translation>
    </message>
    <message>
        <source>Enter the database&apos;s URL.</source>
        <translation>Geben Sie die URL der Datenbank ein.</translation>
    </message>
    <message>
        <source>A shared history&apos;s URL begins with postgresql://.</source>
        <translation>Die URL eines gemeinsamen Verlaufs beginnt mit postgresql://.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde …</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Öffne …</translation>
    </message>
    <message>
        <source>History file</source>
        <translation>Verlaufsdatei</translation>
    </message>
    <message>
        <source>SQLite histories (*.sqlite *.db);;All files (*)</source>
        <translation>SQLite-Verläufe (*.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>there is no history file there, and %1 is not a folder Headroom may write to</source>
        <translation>dort gibt es keine Verlaufsdatei, und %1 ist kein Ordner, in den Headroom schreiben darf</translation>
    </message>
    <message>
        <source>the history could not be opened</source>
        <translation>der Verlauf konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Could not connect:
%1</source>
        <translation>Keine Verbindung:
%1</translation>
    </message>
    <message>
        <source>Could not open the file:
%1</source>
        <translation>Die Datei ließ sich nicht öffnen:
%1</translation>
    </message>
    <message>
        <source>No history file there yet: Headroom creates it at the next start.</source>
        <translation>Dort gibt es noch keine Verlaufsdatei: Headroom legt sie beim nächsten Start an.</translation>
    </message>
    <message numerus="yes">
        <source>newest reading %n s ago</source>
        <translation>
            <numerusform>neuester Messwert vor %n s</numerusform>
            <numerusform>neuester Messwert vor %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>newest reading %n min ago</source>
        <translation>
            <numerusform>neuester Messwert vor %n min</numerusform>
            <numerusform>neuester Messwert vor %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>newest reading %n h ago</source>
        <translation>
            <numerusform>neuester Messwert vor %n h</numerusform>
            <numerusform>neuester Messwert vor %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>newest reading %n day(s) ago</source>
        <translation>
            <numerusform>neuester Messwert vor %n Tag</numerusform>
            <numerusform>neuester Messwert vor %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>no readings yet</source>
        <translation>noch keine Messwerte</translation>
    </message>
    <message>
        <source>too many accounts to look for the newest reading quickly</source>
        <translation>zu viele Konten, um den neuesten Messwert schnell zu finden</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s)</source>
        <translation>
            <numerusform>%n Konto</numerusform>
            <numerusform>%n Konten</numerusform>
        </translation>
    </message>
    <message>
        <source>Connected: %1, %2.</source>
        <translation>Verbunden: %1, %2.</translation>
    </message>
    <message>
        <source>Opened: %1, %2.</source>
        <translation>Geöffnet: %1, %2.</translation>
    </message>
    <message>
        <source>The password goes in the keychain (headroom history password) or ~/.pgpass, never in the URL.</source>
        <translation>Das Passwort gehört in den Schlüsselbund (headroom history password) oder in ~/.pgpass, nie in die URL.</translation>
    </message>
</context>
<context>
    <name>HistoryStore</name>
    <message>
        <source>The history file %1 is unusable (%2) and could not be moved aside.</source>
        <translation>Die Verlaufsdatei %1 ist unbrauchbar (%2) und konnte nicht beiseitegelegt werden.</translation>
    </message>
    <message>
        <source>The history file was unusable (%1). It was moved aside as %2 and a new, empty history was started.</source>
        <translation>Die Verlaufsdatei war unbrauchbar (%1). Sie wurde als %2 beiseitegelegt und ein neuer, leerer Verlauf begonnen.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot read the history file %1: %2</source>
        <translation>Die Verlaufsdatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>die Datei ist leer</translation>
    </message>
    <message>
        <source>not an SQLite database</source>
        <translation>keine SQLite-Datenbank</translation>
    </message>
    <message>
        <source>damaged (%1)</source>
        <translation>beschädigt (%1)</translation>
    </message>
    <message>
        <source>not a Headroom history (tables: %1)</source>
        <translation>kein Headroom-Verlauf (Tabellen: %1)</translation>
    </message>
    <message>
        <source>its tables do not match schema %1</source>
        <translation>ihre Tabellen passen nicht zu Schema %1</translation>
    </message>
    <message>
        <source>The history file %1 was written by a newer version of Headroom (schema %2, this version knows %3). Update Headroom to open it.</source>
        <translation>Die Verlaufsdatei %1 wurde von einer neueren Headroom-Version geschrieben (Schema %2, diese Version kennt %3). Aktualisieren Sie Headroom, um sie zu öffnen.</translation>
    </message>
    <message>
        <source>Cannot update the history file %1: %2</source>
        <translation>Die Verlaufsdatei %1 kann nicht aktualisiert werden: %2</translation>
    </message>
    <message>
        <source>Cannot open the history file %1.</source>
        <translation>Die Verlaufsdatei %1 kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>A reading could not be stored and was dropped (%1).</source>
        <translation>Ein Messwert konnte nicht gespeichert werden und wurde verworfen (%1).</translation>
    </message>
    <message numerus="yes">
        <source>The history can be written again; %n reading(s) kept in memory were saved.</source>
        <translation>
            <numerusform>Der Verlauf ist wieder beschreibbar; %n im Speicher gehaltener Messwert wurde gesichert.</numerusform>
            <numerusform>Der Verlauf ist wieder beschreibbar; %n im Speicher gehaltene Messwerte wurden gesichert.</numerusform>
        </translation>
    </message>
    <message>
        <source>The history cannot be written (%1). Readings are kept in memory until it can.</source>
        <translation>Der Verlauf kann nicht geschrieben werden (%1). Messwerte werden bis dahin im Speicher gehalten.</translation>
    </message>
    <message>
        <source>Cannot create the history file %1: %2</source>
        <translation>Die Verlaufsdatei %1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>Cannot create the history file %1.</source>
        <translation>Die Verlaufsdatei %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>truncated</source>
        <translation>abgeschnitten</translation>
    </message>
    <message>
        <source>The history file looks damaged (%1). It is checked again and, if still damaged, moved aside at the next start.</source>
        <translation>Die Verlaufsdatei scheint beschädigt zu sein (%1). Sie wird beim nächsten Start erneut geprüft und, falls weiterhin beschädigt, beiseitegelegt.</translation>
    </message>
</context>
<context>
    <name>HttpResponseHead</name>
    <message>
        <source>the input is empty</source>
        <translation>die Eingabe ist leer</translation>
    </message>
    <message>
        <source>the first line is not an HTTP status line such as &quot;HTTP/1.1 200 OK&quot;</source>
        <translation>die erste Zeile ist keine HTTP-Statuszeile wie „HTTP/1.1 200 OK“</translation>
    </message>
    <message>
        <source>line %1 continues a header field that does not exist</source>
        <translation>Zeile %1 setzt ein Header-Feld fort, das es nicht gibt</translation>
    </message>
    <message>
        <source>line %1 has a control character in its value</source>
        <translation>Zeile %1 enthält ein Steuerzeichen im Wert</translation>
    </message>
    <message>
        <source>line %1 is not a header field (&quot;Name: value&quot;)</source>
        <translation>Zeile %1 ist kein Header-Feld („Name: Wert“)</translation>
    </message>
    <message>
        <source>line %1 has an invalid header field name</source>
        <translation>Zeile %1 hat einen ungültigen Header-Feldnamen</translation>
    </message>
    <message>
        <source>too many interim responses</source>
        <translation>zu viele Zwischenantworten</translation>
    </message>
</context>
<context>
    <name>KeychainNotice</name>
    <message>
        <source>waiting for the keyring: answer the unlock prompt on your desktop (Ctrl+C to give up)</source>
        <translation>warten auf den Schlüsselbund: Entsperrabfrage auf dem Desktop beantworten (Abbrechen mit Strg+C)</translation>
    </message>
</context>
<context>
    <name>KeychainSecretStore</name>
    <message>
        <source>no token stored for this account in the keyring</source>
        <translation>für dieses Konto ist kein Token im Schlüsselbund gespeichert</translation>
    </message>
    <message>
        <source>the keyring is locked; unlock it (e.g. log in to the desktop session) and try again</source>
        <translation>der Schlüsselbund ist gesperrt; entsperren Sie ihn (z. B. durch Anmelden an der Desktop-Sitzung) und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>no keyring available: install and start gnome-keyring (or another Secret Service) in a D-Bus session (%1)</source>
        <translation>kein Schlüsselbund verfügbar: gnome-keyring (oder einen anderen Secret Service) in einer D-Bus-Sitzung installieren und starten (%1)</translation>
    </message>
    <message>
        <source>reading the keyring failed: %1</source>
        <translation>das Lesen des Schlüsselbunds ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>the keyring failed: %1</source>
        <translation>der Schlüsselbund hat einen Fehler gemeldet: %1</translation>
    </message>
    <message>
        <source>the keyring stayed locked (the unlock prompt was cancelled)</source>
        <translation>der Schlüsselbund blieb gesperrt (die Entsperrabfrage wurde abgebrochen)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Headroom</source>
        <translation>Headroom</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Search accounts, providers, resources (Ctrl+F)</source>
        <translation>Konten, Anbieter, Ressourcen suchen (Strg+F)</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 h</translation>
    </message>
    <message>
        <source>6 h</source>
        <translation>6 h</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <source>7 d</source>
        <translation>7 T</translation>
    </message>
    <message>
        <source>30 d</source>
        <translation>30 T</translation>
    </message>
    <message>
        <source>Drag to zoom · wheel to zoom · Ctrl+drag or ←/→ to pan</source>
        <translation>Ziehen oder Mausrad zum Zoomen · Strg+Ziehen oder ←/→ zum Verschieben</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation>Konto &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Paste a response…</source>
        <translation>Antwort &amp;einfügen …</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <source>Probe &amp;all now</source>
        <translation>&amp;Alle jetzt abfragen</translation>
    </message>
    <message>
        <source>&amp;Probe selected now</source>
        <translation>Ausgewählte jetzt &amp;abfragen</translation>
    </message>
    <message>
        <source>&amp;Edit selected…</source>
        <translation>Ausgewählte &amp;bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Remove selected…</source>
        <translation>Ausgewählte &amp;entfernen …</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen …</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Chart &amp;range</source>
        <translation>Diagramm&amp;zeitraum</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Design</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Headroom</source>
        <translation>&amp;Über Headroom</translation>
    </message>
    <message>
        <source>About Headroom</source>
        <translation>Über Headroom</translation>
    </message>
    <message>
        <source>&lt;b&gt;Headroom %1&lt;/b&gt;&lt;p&gt;Watches API rate-limit quotas: remaining, resets and 429s, with alerts before an account runs dry.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Headroom %1&lt;/b&gt;&lt;p&gt;Überwacht API-Ratenlimits: verbleibendes Kontingent, Zurücksetzungen und 429-Antworten, mit Warnungen, bevor ein Konto erschöpft ist.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Probe now</source>
        <translation>Jetzt &amp;abfragen</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Snooze alerts</source>
        <translation>Warnungen &amp;schlummern lassen</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Entfernen …</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>Konto entfernen</translation>
    </message>
    <message>
        <source>Remove “%1”? Its token is deleted from the keychain; its history is kept.</source>
        <translation>„%1“ entfernen? Sein Token wird aus dem Schlüsselbund gelöscht; sein Verlauf bleibt erhalten.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Next probe: %1 in %2</source>
        <translation>Nächste Abfrage: %1 in %2</translation>
    </message>
    <message>
        <source>Waiting for the first probe…</source>
        <translation>Warten auf die erste Abfrage …</translation>
    </message>
    <message>
        <source>No accounts yet — File ▸ Add account… (Ctrl+N)</source>
        <translation>Noch keine Konten — Datei ▸ Konto hinzufügen … (Strg+N)</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s)</source>
        <translation>
            <numerusform>%n Konto</numerusform>
            <numerusform>%n Konten</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Alerts…</source>
        <translation>&amp;Warnungen…</translation>
    </message>
    <message>
        <source>Headroom — demo</source>
        <translation>Headroom — Demo</translation>
    </message>
    <message>
        <source>%1 low · %2 throttled · %3 failing</source>
        <translation>%1 knapp · %2 gedrosselt · %3 fehlerhaft</translation>
    </message>
    <message>
        <source>Show the last hour</source>
        <translation>Die letzte Stunde zeigen</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;Command line</source>
        <translation>&amp;Kommandozeile</translation>
    </message>
    <message>
        <source>No account matches “%1”</source>
        <translation>Kein Konto passt zu „%1“</translation>
    </message>
    <message>
        <source>Press Escape to clear the search.</source>
        <translation>Escape leert die Suche.</translation>
    </message>
    <message>
        <source>Clear the search (in the search field)</source>
        <translation>Die Suche leeren (im Suchfeld)</translation>
    </message>
    <message>
        <source>Remove the selected account (in the table)</source>
        <translation>Das ausgewählte Konto entfernen (in der Tabelle)</translation>
    </message>
    <message>
        <source>↑ / ↓</source>
        <translation>↑ / ↓</translation>
    </message>
    <message>
        <source>Select the previous or next account; the chart follows</source>
        <translation>Das vorige oder nächste Konto auswählen; das Diagramm folgt</translation>
    </message>
    <message>
        <source>← / →</source>
        <translation>← / →</translation>
    </message>
    <message>
        <source>Collapse or expand an account&apos;s resources (in the table); pan the chart (in the chart)</source>
        <translation>Die Ressourcen eines Kontos ein- oder ausklappen (in der Tabelle); das Diagramm verschieben (im Diagramm)</translation>
    </message>
    <message>
        <source>Mouse wheel, drag</source>
        <translation>Mausrad, Ziehen</translation>
    </message>
    <message>
        <source>Zoom the chart; Ctrl+drag pans it</source>
        <translation>Das Diagramm zoomen; Strg+Ziehen verschiebt es</translation>
    </message>
    <message>
        <source>Double-click</source>
        <translation>Doppelklick</translation>
    </message>
    <message>
        <source>On an event: show its account&apos;s chart at that time</source>
        <translation>Auf einem Ereignis: das Diagramm seines Kontos zu diesem Zeitpunkt zeigen</translation>
    </message>
    <message>
        <source>Move between the search, the table, the chart and the event log</source>
        <translation>Zwischen Suche, Tabelle, Diagramm und Ereignisprotokoll wechseln</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Taste</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>Kommandozeile</translation>
    </message>
    <message>
        <source>The same program works without a window. This is what “headroom --help” prints:</source>
        <translation>Dasselbe Programm arbeitet auch ohne Fenster. Das gibt „headroom --help“ aus:</translation>
    </message>
    <message>
        <source>Show the last 6 hours</source>
        <translation>Die letzten 6 Stunden zeigen</translation>
    </message>
    <message>
        <source>Show the last 24 hours</source>
        <translation>Die letzten 24 Stunden zeigen</translation>
    </message>
    <message>
        <source>Show the last 7 days</source>
        <translation>Die letzten 7 Tage zeigen</translation>
    </message>
    <message>
        <source>Show the last 30 days</source>
        <translation>Die letzten 30 Tage zeigen</translation>
    </message>
    <message>
        <source>The demo&apos;s accounts are fixed: run Headroom without --demo to add your own.</source>
        <translation>Die Konten der Demo sind fest vorgegeben: Starten Sie Headroom ohne --demo, um eigene hinzuzufügen.</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Verlauf …</translation>
    </message>
    <message>
        <source>This machine has no token for this account; another process polls it.</source>
        <translation>Dieser Rechner hat kein Token für dieses Konto; ein anderer Prozess fragt es ab.</translation>
    </message>
    <message numerus="yes">
        <source>Polling none here: %n account(s) polled by other processes, shown as they record</source>
        <translation>
            <numerusform>Hier wird nichts abgefragt: %n Konto wird von anderen Prozessen abgefragt und angezeigt, sobald sie aufzeichnen</numerusform>
            <numerusform>Hier wird nichts abgefragt: %n Konten werden von anderen Prozessen abgefragt und angezeigt, sobald sie aufzeichnen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MetricsServer</name>
    <message>
        <source>&apos;%1&apos; is not an address to listen on: give PORT, ADDRESS:PORT or [IPv6]:PORT, e.g. 127.0.0.1:9464.</source>
        <translation>&apos;%1&apos; ist keine Adresse zum Lauschen: Geben Sie PORT, ADRESSE:PORT oder [IPv6]:PORT an, z. B. 127.0.0.1:9464.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1 enthält kein PEM-Zertifikat.</translation>
    </message>
    <message>
        <source>%1 holds no unencrypted PEM private key (RSA or EC).</source>
        <translation>%1 enthält keinen unverschlüsselten privaten PEM-Schlüssel (RSA oder EC).</translation>
    </message>
    <message>
        <source>Cannot listen on %1 port %2: the port is in use or the address is not this machine&apos;s.</source>
        <translation>Auf %1 Port %2 kann nicht gelauscht werden: Der Port ist belegt oder die Adresse gehört nicht zu diesem Rechner.</translation>
    </message>
</context>
<context>
    <name>Monitor</name>
    <message>
        <source>the history could not store the result</source>
        <translation>der Verlauf konnte das Ergebnis nicht speichern</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>Snooze until reset</source>
        <translation>Bis zur Zurücksetzung schlummern</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>alert command could not be started: %1</source>
        <translation>Warnungsbefehl konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>alert command timed out after %1 s</source>
        <translation>Zeitüberschreitung des Warnungsbefehls nach %1 s</translation>
    </message>
    <message>
        <source>alert command crashed</source>
        <translation>Warnungsbefehl ist abgestürzt</translation>
    </message>
    <message>
        <source>alert command failed with exit code %1</source>
        <translation>Warnungsbefehl ist mit Exit-Code %1 fehlgeschlagen</translation>
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
    <message>
        <source>%1 or %2</source>
        <translation>%1 oder %2</translation>
    </message>
    <message>
        <source>These %1 fields are read by the generic reader: choose %2.</source>
        <translation>Diese %1-Felder liest der allgemeine Leser: Wählen Sie %2.</translation>
    </message>
    <message>
        <source>These are IETF RateLimit fields (%1): choose %2.</source>
        <translation>Dies sind IETF-RateLimit-Felder (%1): Wählen Sie %2.</translation>
    </message>
    <message>
        <source>These are %1 %2 fields: choose %3.</source>
        <translation>Dies sind %2-Felder von %1: Wählen Sie %3.</translation>
    </message>
    <message>
        <source>&amp;Use %1</source>
        <translation>%1 &amp;verwenden</translation>
    </message>
</context>
<context>
    <name>PgHistoryStore</name>
    <message>
        <source>Not a PostgreSQL URL (postgresql://[user@]host[:port]/database): %1</source>
        <translation>Keine PostgreSQL-URL (postgresql://[benutzer@]host[:port]/datenbank): %1</translation>
    </message>
    <message>
        <source>Unknown connection parameter in the PostgreSQL URL: %1</source>
        <translation>Unbekannter Verbindungsparameter in der PostgreSQL-URL: %1</translation>
    </message>
    <message>
        <source>The PostgreSQL URL parameter %1 cannot contain &apos;;&apos;.</source>
        <translation>Der PostgreSQL-URL-Parameter %1 darf kein &apos;;&apos; enthalten.</translation>
    </message>
    <message>
        <source>Qt&apos;s PostgreSQL driver (QPSQL) is not installed; on Debian it is the package libqt6sql6-psql.</source>
        <translation>Der PostgreSQL-Treiber von Qt (QPSQL) ist nicht installiert; unter Debian ist es das Paket libqt6sql6-psql.</translation>
    </message>
    <message>
        <source>Cannot open the history database %1: %2</source>
        <translation>Die Verlaufsdatenbank %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>A reading could not be stored and was dropped (%1).</source>
        <translation>Ein Messwert konnte nicht gespeichert werden und wurde verworfen (%1).</translation>
    </message>
    <message numerus="yes">
        <source>The history database can be written again; %n reading(s) kept in memory were saved.</source>
        <translation>
            <numerusform>Die Verlaufsdatenbank ist wieder beschreibbar; %n im Speicher gehaltener Messwert wurde gesichert.</numerusform>
            <numerusform>Die Verlaufsdatenbank ist wieder beschreibbar; %n im Speicher gehaltene Messwerte wurden gesichert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The history database %1 cannot be reached (%2); %n reading(s) are kept in memory until it can.</source>
        <translation>
            <numerusform>Die Verlaufsdatenbank %1 ist nicht erreichbar (%2); %n Messwert wird bis dahin im Speicher gehalten.</numerusform>
            <numerusform>Die Verlaufsdatenbank %1 ist nicht erreichbar (%2); %n Messwerte werden bis dahin im Speicher gehalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>The history database was written by a newer version of Headroom (schema %1, this version knows %2). Update Headroom to use it.</source>
        <translation>Die Verlaufsdatenbank wurde von einer neueren Headroom-Version geschrieben (Schema %1, diese Version kennt %2). Aktualisieren Sie Headroom, um sie zu verwenden.</translation>
    </message>
    <message>
        <source>The history&apos;s schema could not be brought up to date.</source>
        <translation>Das Schema des Verlaufs konnte nicht aktualisiert werden.</translation>
    </message>
    <message>
        <source>The history is not open.</source>
        <translation>Der Verlauf ist nicht geöffnet.</translation>
    </message>
</context>
<context>
    <name>PgLeases</name>
    <message>
        <source>The lease database is not open.</source>
        <translation>Die Lease-Datenbank ist nicht geöffnet.</translation>
    </message>
    <message>
        <source>Leases in %1: %2</source>
        <translation>Leases in %1: %2</translation>
    </message>
    <message>
        <source>Cannot open the lease database %1: %2</source>
        <translation>Die Lease-Datenbank %1 kann nicht geöffnet werden: %2</translation>
    </message>
</context>
<context>
    <name>PgTeamAccounts</name>
    <message>
        <source>The team&apos;s accounts are not open.</source>
        <translation>Die Konten des Teams sind nicht geöffnet.</translation>
    </message>
    <message>
        <source>The team&apos;s accounts in %1: %2</source>
        <translation>Die Konten des Teams in %1: %2</translation>
    </message>
    <message>
        <source>Cannot open the team&apos;s accounts in %1: %2</source>
        <translation>Die Konten des Teams in %1 können nicht geöffnet werden: %2</translation>
    </message>
</context>
<context>
    <name>Pool</name>
    <message>
        <source>a pool lacks a name, a provider or members</source>
        <translation>einem Pool fehlen Name, Anbieter oder Mitglieder</translation>
    </message>
</context>
<context>
    <name>PoolReading</name>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>%1: this pool holds %2, not %3</source>
        <translation>%1: Dieser Pool fasst %2, nicht %3</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1/min</source>
        <translation>%1/min</translation>
    </message>
    <message>
        <source>%1/h</source>
        <translation>%1/h</translation>
    </message>
    <message>
        <source>%1/day</source>
        <translation>%1/Tag</translation>
    </message>
    <message numerus="yes">
        <source>%1 per %n h</source>
        <translation>
            <numerusform>%1 pro %n h</numerusform>
            <numerusform>%1 pro %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 per %n min</source>
        <translation>
            <numerusform>%1 pro %n min</numerusform>
            <numerusform>%1 pro %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 per %n s</source>
        <translation>
            <numerusform>%1 pro %n s</numerusform>
            <numerusform>%1 pro %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tokens of one %1 user share one %2 bucket</source>
        <translation>
            <numerusform>%n Token eines %1-Benutzers teilt ein Kontingent von %2</numerusform>
            <numerusform>%n Tokens eines %1-Benutzers teilen ein Kontingent von %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tokens of one %1 organization share one %2 bucket</source>
        <translation>
            <numerusform>%n Token einer %1-Organisation teilt ein Kontingent von %2</numerusform>
            <numerusform>%n Tokens einer %1-Organisation teilen ein Kontingent von %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n %1 tokens draw from one %2 bucket</source>
        <translation>
            <numerusform>%n %1-Token zieht aus einem Kontingent von %2</numerusform>
            <numerusform>%n %1-Tokens ziehen aus einem Kontingent von %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tokens of one %1 user share one bucket</source>
        <translation>
            <numerusform>%n Token eines %1-Benutzers teilt ein Kontingent</numerusform>
            <numerusform>%n Tokens eines %1-Benutzers teilen ein Kontingent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tokens of one %1 organization share one bucket</source>
        <translation>
            <numerusform>%n Token einer %1-Organisation teilt ein Kontingent</numerusform>
            <numerusform>%n Tokens einer %1-Organisation teilen ein Kontingent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n %1 tokens draw from one bucket</source>
        <translation>
            <numerusform>%n %1-Token zieht aus einem Kontingent</numerusform>
            <numerusform>%n %1-Tokens ziehen aus einem Kontingent</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>%1, though their readings disagree</source>
        <translation>%1, obwohl ihre Messwerte widersprechen</translation>
    </message>
    <message>
        <source>shares one %1 bucket with %2</source>
        <translation>teilt ein Kontingent von %1 mit %2</translation>
    </message>
    <message>
        <source>shares one bucket with %1</source>
        <translation>teilt ein Kontingent mit %1</translation>
    </message>
</context>
<context>
    <name>Preset</name>
    <message>
        <source>GitHub</source>
        <translation>GitHub</translation>
    </message>
    <message>
        <source>GET /rate_limit is free for the primary limit and reports every resource (core, search, graphql, ...).</source>
        <translation>GET /rate_limit ist für das primäre Limit kostenlos und meldet jede Ressource (core, search, graphql, …).</translation>
    </message>
    <message>
        <source>GitLab</source>
        <translation>GitLab</translation>
    </message>
    <message>
        <source>Costs one request; self-managed instances have throttles off by default, and older versions send headers only on 429.</source>
        <translation>Kostet eine Anfrage; selbst verwaltete Instanzen haben die Drosselung standardmäßig aus, ältere Versionen senden Header nur bei 429.</translation>
    </message>
    <message>
        <source>Bitbucket Cloud</source>
        <translation>Bitbucket Cloud</translation>
    </message>
    <message>
        <source>Only repository, project or workspace access tokens get headers: the limit and a near-limit flag, no remaining.</source>
        <translation>Nur Zugriffstoken für Repository, Projekt oder Workspace erhalten Header: das Limit und ein Nahe-am-Limit-Kennzeichen, kein verbleibender Wert.</translation>
    </message>
    <message>
        <source>Buildkite</source>
        <translation>Buildkite</translation>
    </message>
    <message>
        <source>200 requests per minute shared by the whole organization; the probe is assumed to count.</source>
        <translation>200 Anfragen pro Minute für die ganze Organisation; die Abfrage zählt vermutlich mit.</translation>
    </message>
    <message>
        <source>IETF RateLimit fields</source>
        <translation>IETF-RateLimit-Felder</translation>
    </message>
    <message>
        <source>Any API speaking draft-ietf-httpapi-ratelimit-headers; set a probe path that returns the fields.</source>
        <translation>Jede API, die draft-ietf-httpapi-ratelimit-headers spricht; legen Sie einen Abfragepfad fest, der die Felder liefert.</translation>
    </message>
    <message>
        <source>Atlassian Jira/Confluence Cloud</source>
        <translation>Atlassian Jira/Confluence Cloud</translation>
    </message>
    <message>
        <source>Costs at least one point; Beta-* fields are advisory and not shown as quotas.</source>
        <translation>Kostet mindestens einen Punkt; Beta-*-Felder sind nur Hinweise und werden nicht als Kontingente angezeigt.</translation>
    </message>
    <message>
        <source>Atlassian Data Center</source>
        <translation>Atlassian Data Center</translation>
    </message>
    <message>
        <source>Token bucket: limit is the bucket size; retry-after is 0 while tokens remain.</source>
        <translation>Token-Bucket: Das Limit ist die Bucket-Größe; Retry-After ist 0, solange Token übrig sind.</translation>
    </message>
    <message>
        <source>Shopify REST Admin</source>
        <translation>Shopify REST Admin</translation>
    </message>
    <message>
        <source>Leaky bucket: the probe takes one slot; the base URL is https://&lt;shop&gt;.myshopify.com.</source>
        <translation>Leaky Bucket: Die Abfrage belegt einen Platz; die Basis-URL ist https://&lt;shop&gt;.myshopify.com.</translation>
    </message>
    <message>
        <source>Slack Web API</source>
        <translation>Slack Web API</translation>
    </message>
    <message>
        <source>Slack sends no quota headers: only 429s and Retry-After are recorded.</source>
        <translation>Slack sendet keine Kontingent-Header: Nur 429-Antworten und Retry-After werden aufgezeichnet.</translation>
    </message>
    <message>
        <source>Discord</source>
        <translation>Discord</translation>
    </message>
    <message>
        <source>Shows the route bucket of /users/@me; the global limit is 50 requests/s per bot.</source>
        <translation>Zeigt den Routen-Bucket von /users/@me; das globale Limit beträgt 50 Anfragen/s pro Bot.</translation>
    </message>
    <message>
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <source>Headers are confirmed only on inference responses; that /v1/models returns them is unconfirmed.</source>
        <translation>Header sind nur bei Inferenz-Antworten bestätigt; dass /v1/models sie liefert, ist unbestätigt.</translation>
    </message>
    <message>
        <source>Anthropic</source>
        <translation>Anthropic</translation>
    </message>
    <message>
        <source>Headers are confirmed only on messages; that /v1/models returns them is unconfirmed.</source>
        <translation>Header sind nur bei Messages bestätigt; dass /v1/models sie liefert, ist unbestätigt.</translation>
    </message>
    <message>
        <source>Azure Resource Manager</source>
        <translation>Azure Resource Manager</translation>
    </message>
    <message>
        <source>Remaining counts only (no limit, no reset); a read shows read tokens, writes only on writes.</source>
        <translation>Nur verbleibende Werte (kein Limit, keine Zurücksetzung); ein Lesezugriff zeigt Lese-Token, Schreib-Token nur bei Schreibzugriffen.</translation>
    </message>
    <message>
        <source>Azure OpenAI</source>
        <translation>Azure OpenAI</translation>
    </message>
    <message>
        <source>The base URL is https://&lt;resource&gt;.openai.azure.com; -1 means the value is unavailable.</source>
        <translation>Die Basis-URL ist https://&lt;resource&gt;.openai.azure.com; -1 bedeutet, dass der Wert nicht verfügbar ist.</translation>
    </message>
    <message>
        <source>Cloudflare API</source>
        <translation>Cloudflare API</translation>
    </message>
    <message>
        <source>1,200 requests per 5 minutes shared with dashboard use; exceeding blocks all calls for 5 minutes.</source>
        <translation>1.200 Anfragen pro 5 Minuten, geteilt mit der Dashboard-Nutzung; bei Überschreitung werden alle Aufrufe für 5 Minuten blockiert.</translation>
    </message>
    <message>
        <source>Okta</source>
        <translation>Okta</translation>
    </message>
    <message>
        <source>The headers describe only the bucket of the endpoint called; pick the probe path accordingly.</source>
        <translation>Die Header beschreiben nur den Bucket des aufgerufenen Endpunkts; wählen Sie den Abfragepfad entsprechend.</translation>
    </message>
    <message>
        <source>Zendesk</source>
        <translation>Zendesk</translation>
    </message>
    <message>
        <source>Account limit per minute, plus per-endpoint families on list endpoints.</source>
        <translation>Kontolimit pro Minute, dazu Endpunktfamilien bei Listen-Endpunkten.</translation>
    </message>
    <message>
        <source>X (Twitter) API v2</source>
        <translation>X (Twitter) API v2</translation>
    </message>
    <message>
        <source>Per-endpoint 15-minute windows; 24-hour app and user caps appear as their own quotas.</source>
        <translation>15-Minuten-Fenster pro Endpunkt; 24-Stunden-Obergrenzen für App und Benutzer erscheinen als eigene Kontingente.</translation>
    </message>
    <message>
        <source>Stripe</source>
        <translation>Stripe</translation>
    </message>
    <message>
        <source>Stripe sends no quota headers: only 429s and their reason are recorded.</source>
        <translation>Stripe sendet keine Kontingent-Header: Nur 429-Antworten und ihr Grund werden aufgezeichnet.</translation>
    </message>
    <message>
        <source>LaunchDarkly</source>
        <translation>LaunchDarkly</translation>
    </message>
    <message>
        <source>Global and route remaining over 10-second windows; no dedicated probe is known.</source>
        <translation>Globale und routenbezogene Restwerte über 10-Sekunden-Fenster; keine eigene Abfrage bekannt.</translation>
    </message>
    <message>
        <source>Other API</source>
        <translation>Andere API</translation>
    </message>
    <message>
        <source>Detects the dialect from the headers themselves; set a probe path that returns them.</source>
        <translation>Erkennt den Dialekt an den Headern selbst; legen Sie einen Abfragepfad fest, der sie liefert.</translation>
    </message>
    <message>
        <source>Bitbucket sends no rate-limit headers to user tokens, app passwords or OAuth consumers; only repository, project and workspace access tokens report their limit.</source>
        <translation>Bitbucket sendet Benutzertokens, App-Passwörtern und OAuth-Consumern keine Ratenlimit-Header; nur Repository-, Projekt- und Workspace-Zugriffstokens melden ihr Limit.</translation>
    </message>
    <message>
        <source>GitLab sends rate-limit headers only when the throttles are enabled, and older versions only on refused (429) responses.</source>
        <translation>GitLab sendet Ratenlimit-Header nur, wenn die Drosselungen aktiviert sind, ältere Versionen nur bei abgelehnten Antworten (429).</translation>
    </message>
    <message>
        <source>Atlassian Cloud sends rate-limit headers mostly near or over a limit; API-token traffic has burst limits only.</source>
        <translation>Atlassian Cloud sendet Ratenlimit-Header meist nahe an oder über einem Limit; Verkehr mit API-Tokens hat nur Burst-Limits.</translation>
    </message>
    <message>
        <source>Slack sends no quota headers; only refused (429) responses and their Retry-After tell about its limits.</source>
        <translation>Slack sendet keine Kontingent-Header; nur abgelehnte Antworten (429) und ihr Retry-After verraten etwas über seine Limits.</translation>
    </message>
    <message>
        <source>Stripe sends no quota headers; only refused (429) responses tell about its limits.</source>
        <translation>Stripe sendet keine Kontingent-Header; nur abgelehnte Antworten (429) verraten etwas über seine Limits.</translation>
    </message>
    <message>
        <source>OpenAI is known to send rate-limit headers on inference responses only; this probe endpoint may carry none.</source>
        <translation>OpenAI sendet Ratenlimit-Header bekanntermaßen nur bei Inferenz-Antworten; dieser Abfrage-Endpunkt liefert womöglich keine.</translation>
    </message>
    <message>
        <source>Anthropic is known to send rate-limit headers on message responses; this probe endpoint may carry none.</source>
        <translation>Anthropic sendet Ratenlimit-Header bekanntermaßen bei Nachrichten-Antworten; dieser Abfrage-Endpunkt liefert womöglich keine.</translation>
    </message>
    <message>
        <source>Azure Resource Manager reports remaining reads on read requests only, never a limit or a reset.</source>
        <translation>Azure Resource Manager meldet verbleibende Lesezugriffe nur bei Leseanfragen, nie ein Limit oder eine Zurücksetzung.</translation>
    </message>
    <message>
        <source>Okta reports only the bucket of the endpoint called; this endpoint sent no rate-limit headers.</source>
        <translation>Okta meldet nur den Bucket des aufgerufenen Endpunkts; dieser Endpunkt sendete keine Ratenlimit-Header.</translation>
    </message>
    <message>
        <source>LaunchDarkly sends rate-limit headers on limited routes only.</source>
        <translation>LaunchDarkly sendet Ratenlimit-Header nur bei begrenzten Routen.</translation>
    </message>
</context>
<context>
    <name>ProbeJob</name>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>unknown provider &apos;%1&apos;</source>
        <translation>unbekannter Anbieter „%1“</translation>
    </message>
    <message>
        <source>timed out after %1 s</source>
        <translation>Zeitüberschreitung nach %1 s</translation>
    </message>
    <message>
        <source>the response headers exceed %1 KiB</source>
        <translation>die Antwort-Header überschreiten %1 KiB</translation>
    </message>
    <message>
        <source>TLS handshake failed</source>
        <translation>TLS-Handshake fehlgeschlagen</translation>
    </message>
    <message>
        <source>host not found</source>
        <translation>Host nicht gefunden</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>Verbindung abgelehnt</translation>
    </message>
    <message>
        <source>the server stopped responding</source>
        <translation>der Server antwortet nicht mehr</translation>
    </message>
    <message>
        <source>network error</source>
        <translation>Netzwerkfehler</translation>
    </message>
    <message>
        <source>redirected to another origin (%1); token not sent</source>
        <translation>zu einem anderen Ursprung umgeleitet (%1); Token nicht gesendet</translation>
    </message>
    <message>
        <source>too many redirects (more than %1)</source>
        <translation>zu viele Umleitungen (mehr als %1)</translation>
    </message>
    <message>
        <source>the body exceeded %1 KiB and was ignored</source>
        <translation>der Antwortinhalt überschritt %1 KiB und wurde ignoriert</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>authentication failed (HTTP %1): check or replace the token</source>
        <translation>Authentifizierung fehlgeschlagen (HTTP %1): Token prüfen oder ersetzen</translation>
    </message>
    <message>
        <source>the compressed response body is corrupt or inflates to more than %1 KiB</source>
        <translation>der komprimierte Antwortinhalt ist beschädigt oder wird entpackt größer als %1 KiB</translation>
    </message>
    <message>
        <source>The response carried no rate-limit fields that Headroom reads for %1.</source>
        <translation>Die Antwort enthielt keine Ratenlimit-Felder, die Headroom für %1 liest.</translation>
    </message>
    <message>
        <source>The response names a quota but not how much of it is left, so its level is unknown.</source>
        <translation>Die Antwort nennt ein Kontingent, aber nicht, wie viel davon übrig ist; sein Stand ist daher unbekannt.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Headroom</source>
        <translation>Headroom</translation>
    </message>
</context>
<context>
    <name>QuotaChartView</name>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Verbleibend</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>429 / throttled</source>
        <translation>429 / gedrosselt</translation>
    </message>
    <message>
        <source>Reading history…</source>
        <translation>Verlauf wird gelesen…</translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1 (%2 %)</translation>
    </message>
    <message>
        <source>Documented limit</source>
        <translation>Dokumentiertes Limit</translation>
    </message>
    <message>
        <source>Near limit (flag)</source>
        <translation>Nahe am Limit (Meldung)</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Reset</translation>
    </message>
    <message>
        <source>The token was refused (HTTP 401). This demo account fails on purpose; the other accounts show live data.</source>
        <translation>Das Token wurde abgelehnt (HTTP 401). Dieses Demo-Konto scheitert absichtlich; die anderen Konten zeigen Live-Daten.</translation>
    </message>
    <message>
        <source>The token was refused (HTTP 401): edit the account and enter a new token. The line ends at the last accepted probe.</source>
        <translation>Das Token wurde abgelehnt (HTTP 401): Bearbeiten Sie das Konto und geben Sie ein neues Token ein. Die Linie endet bei der letzten angenommenen Abfrage.</translation>
    </message>
    <message>
        <source>The token was refused (HTTP 401): edit the account and enter a new token.</source>
        <translation>Das Token wurde abgelehnt (HTTP 401): Bearbeiten Sie das Konto und geben Sie ein neues Token ein.</translation>
    </message>
    <message>
        <source>No limit: this account reports no quota (rate limiting is off on its server), so there is nothing to draw. Nothing to do; the chart fills in if limiting is turned on.</source>
        <translation>Kein Limit: Dieses Konto meldet kein Kontingent (die Ratenbegrenzung ist auf seinem Server aus), daher gibt es nichts zu zeichnen. Nichts zu tun; das Diagramm füllt sich, sobald die Begrenzung eingeschaltet wird.</translation>
    </message>
    <message>
        <source>The last probe failed; Headroom keeps retrying on its own. If it goes on failing, check the network, the base URL and the token.</source>
        <translation>Die letzte Abfrage ist fehlgeschlagen; Headroom versucht es selbstständig weiter. Wenn es weiter scheitert, prüfen Sie das Netzwerk, die Basis-URL und das Token.</translation>
    </message>
    <message>
        <source>No successful probe for a while: the line ends at the last reading.</source>
        <translation>Seit einer Weile keine erfolgreiche Abfrage: Die Linie endet beim letzten Messwert.</translation>
    </message>
    <message>
        <source>The provider sends no rate-limit headers: Headroom shows the documented limit and counts 429s. What is left is unknown; credentials that get the headers would show it.</source>
        <translation>Der Anbieter sendet keine Rate-Limit-Header: Headroom zeigt das dokumentierte Limit und zählt 429-Antworten. Was übrig ist, ist unbekannt; Zugangsdaten, die die Header erhalten, würden es zeigen.</translation>
    </message>
    <message>
        <source>The provider reports the limit but not what is left: the chart shows the limit and the provider&apos;s near-limit flags.</source>
        <translation>Der Anbieter meldet das Limit, aber nicht, was übrig ist: Das Diagramm zeigt das Limit und die Fast-am-Limit-Markierungen des Anbieters.</translation>
    </message>
    <message>
        <source>The provider sends no rate-limit headers: Headroom counts 429s; the limit and what is left are unknown. Credentials that get the headers would show them.</source>
        <translation>Der Anbieter sendet keine Rate-Limit-Header: Headroom zählt 429-Antworten; Limit und Rest sind unbekannt. Zugangsdaten, die die Header erhalten, würden sie zeigen.</translation>
    </message>
    <message>
        <source>No readings in this time range yet: the chart fills in as probes arrive. A longer range shows older history.</source>
        <translation>Noch keine Messwerte in diesem Zeitraum: Das Diagramm füllt sich, sobald Abfragen eintreffen. Ein längerer Zeitraum zeigt ältere Verläufe.</translation>
    </message>
    <message>
        <source>%1 / %2 left (%3 %)</source>
        <translation>%1 / %2 übrig (%3 %)</translation>
    </message>
    <message>
        <source>%1 left (limit unknown)</source>
        <translation>%1 übrig (Limit unbekannt)</translation>
    </message>
    <message>
        <source>Documented limit %1; what is left is unknown</source>
        <translation>Dokumentiertes Limit %1; der Rest ist unbekannt</translation>
    </message>
    <message>
        <source>Limit %1; what is left is unknown</source>
        <translation>Limit %1; der Rest ist unbekannt</translation>
    </message>
    <message>
        <source>State: Throttled (HTTP 429)</source>
        <translation>Zustand: Gedrosselt (HTTP 429)</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>Zustand: %1</translation>
    </message>
    <message>
        <source>The provider&apos;s near-limit flag was up</source>
        <translation>Die Fast-am-Limit-Markierung des Anbieters war gesetzt</translation>
    </message>
    <message>
        <source>The quota reset here</source>
        <translation>Hier wurde das Kontingent zurückgesetzt</translation>
    </message>
    <message>
        <source>Select an account in the table to see its chart.</source>
        <translation>Wählen Sie ein Konto in der Tabelle, um sein Diagramm zu sehen.</translation>
    </message>
    <message>
        <source>The history cannot be read just now: the chart is drawn once it can be.</source>
        <translation>Der Verlauf ist gerade nicht lesbar: Das Diagramm wird gezeichnet, sobald er es wieder ist.</translation>
    </message>
</context>
<context>
    <name>Reader</name>
    <message>
        <source>%1: ignored invalid value &quot;%2&quot;</source>
        <translation>%1: ungültiger Wert „%2“ ignoriert</translation>
    </message>
    <message>
        <source>%1: repeated with different values; ignored</source>
        <translation>%1: mehrfach mit unterschiedlichen Werten; ignoriert</translation>
    </message>
    <message>
        <source>Retry-After: %1 s clamped to %2 s</source>
        <translation>Retry-After: %1 s auf %2 s begrenzt</translation>
    </message>
    <message>
        <source>rate limiting is not enabled on this server</source>
        <translation>Ratenbegrenzung ist auf diesem Server nicht aktiviert</translation>
    </message>
    <message>
        <source>rate_limit body: resources.%1.%2 is not a count; ignored</source>
        <translation>rate_limit-Antwort: resources.%1.%2 ist keine Anzahl; ignoriert</translation>
    </message>
    <message>
        <source>rate_limit body: resources.%1 is not an object; ignored</source>
        <translation>rate_limit-Antwort: resources.%1 ist kein Objekt; ignoriert</translation>
    </message>
    <message>
        <source>advisory fields not read as quotas: %1</source>
        <translation>Hinweisfelder nicht als Kontingente gelesen: %1</translation>
    </message>
    <message>
        <source>RateLimit fields ignored on a cached response (Age: %1)</source>
        <translation>RateLimit-Felder bei einer zwischengespeicherten Antwort ignoriert (Age: %1)</translation>
    </message>
    <message>
        <source>429 caused by an object lock (lock_timeout), not by a rate limit</source>
        <translation>429 durch eine Objektsperre (lock_timeout) verursacht, nicht durch ein Ratenlimit</translation>
    </message>
    <message>
        <source>429 caused by a conflicting operation, not by a rate limit</source>
        <translation>429 durch einen konkurrierenden Vorgang verursacht, nicht durch ein Ratenlimit</translation>
    </message>
    <message>
        <source>%1: reset %2 s is out of range; ignored</source>
        <translation>%1: Zurücksetzung %2 s liegt außerhalb des gültigen Bereichs; ignoriert</translation>
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
    <name>RequestFactory</name>
    <message>
        <source>the token is empty</source>
        <translation>das Token ist leer</translation>
    </message>
    <message>
        <source>the token contains a line break</source>
        <translation>das Token enthält einen Zeilenumbruch</translation>
    </message>
    <message>
        <source>the token contains a NUL character</source>
        <translation>das Token enthält ein NUL-Zeichen</translation>
    </message>
    <message>
        <source>the token contains a space, control or non-ASCII character</source>
        <translation>das Token enthält ein Leerzeichen, Steuerzeichen oder Nicht-ASCII-Zeichen</translation>
    </message>
    <message>
        <source>provider &apos;%1&apos; has no probe endpoint; set a probe path</source>
        <translation>Anbieter „%1“ hat keinen Abfrage-Endpunkt; legen Sie einen Abfragepfad fest</translation>
    </message>
    <message>
        <source>the probe path &apos;%1&apos; needs a parameter that is not set</source>
        <translation>der Abfragepfad „%1“ benötigt einen Parameter, der nicht gesetzt ist</translation>
    </message>
    <message>
        <source>the probe URL is invalid</source>
        <translation>die Abfrage-URL ist ungültig</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>no token stored for this account</source>
        <translation>für dieses Konto ist kein Token gespeichert</translation>
    </message>
    <message>
        <source>To give the service %1&apos;s token, run as root (it reads the token from standard input, not from the command line):
  systemd-creds encrypt --name=%2 - /etc/credstore.encrypted/%2
and add to the unit (systemctl edit headroom-watch):
  LoadCredentialEncrypted=%2</source>
        <translation>Um dem Dienst das Token von %1 zu geben, führen Sie als root aus (das Token wird von der Standardeingabe gelesen, nicht von der Befehlszeile):
  systemd-creds encrypt --name=%2 - /etc/credstore.encrypted/%2
und fügen Sie der Unit hinzu (systemctl edit headroom-watch):
  LoadCredentialEncrypted=%2</translation>
    </message>
    <message>
        <source>no credential %1 in the service&apos;s credentials: add LoadCredentialEncrypted=%1 to the unit (&apos;headroom account add --secret-store systemd&apos; prints the commands)</source>
        <translation>keine Berechtigung %1 unter den Berechtigungen des Dienstes: Fügen Sie LoadCredentialEncrypted=%1 zur Unit hinzu (&apos;headroom account add --secret-store systemd&apos; gibt die Befehle aus)</translation>
    </message>
    <message>
        <source>the credential %1 cannot be read: %2</source>
        <translation>die Berechtigung %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>tokens of this service come from systemd credentials, which Headroom does not write: run &apos;systemd-creds encrypt --name=%1 - /etc/credstore.encrypted/%1&apos; as root</source>
        <translation>die Tokens dieses Dienstes kommen aus systemd-Berechtigungen, die Headroom nicht schreibt: Führen Sie &apos;systemd-creds encrypt --name=%1 - /etc/credstore.encrypted/%1&apos; als root aus</translation>
    </message>
    <message>
        <source>remove the credential yourself: rm /etc/credstore.encrypted/%1 and its LoadCredentialEncrypted= line</source>
        <translation>entfernen Sie die Berechtigung selbst: rm /etc/credstore.encrypted/%1 und ihre Zeile LoadCredentialEncrypted=</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>The accounts file could not be read and is left untouched: %1</source>
        <translation>Die Kontendatei konnte nicht gelesen werden und bleibt unverändert: %1</translation>
    </message>
    <message>
        <source>The history could not be opened, so nothing is recorded this session: %1</source>
        <translation>Der Verlauf konnte nicht geöffnet werden, daher wird in dieser Sitzung nichts aufgezeichnet: %1</translation>
    </message>
    <message>
        <source>The alert settings could not be saved.</source>
        <translation>Die Warnungseinstellungen konnten nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>The per-account alert settings could not be saved: %1</source>
        <translation>Die Warnungseinstellungen pro Konto konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The shared history can be reached again; readings are live.</source>
        <translation>Der gemeinsame Verlauf ist wieder erreichbar; die Messwerte sind aktuell.</translation>
    </message>
    <message>
        <source>The team&apos;s accounts are in step again.</source>
        <translation>Die Konten des Teams sind wieder abgeglichen.</translation>
    </message>
    <message>
        <source>Removed by the team: %1</source>
        <translation>Vom Team entfernt: %1</translation>
    </message>
</context>
<context>
    <name>SparklineDelegate</name>
    <message>
        <source>%1 · %2 / %3 (%4 %) · %5</source>
        <translation>%1 · %2 / %3 (%4 %) · %5</translation>
    </message>
    <message numerus="yes">
        <source>%n × HTTP 429, the last at %1</source>
        <translation>
            <numerusform>%n × HTTP 429, zuletzt um %1</numerusform>
            <numerusform>%n × HTTP 429, zuletzt um %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No reading near %1</source>
        <translation>Keine Messung um %1</translation>
    </message>
</context>
<context>
    <name>StateStyle</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>Throttled</source>
        <translation>Gedrosselt</translation>
    </message>
    <message>
        <source>Auth failed</source>
        <translation>Anmeldung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Keine Daten</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>Veraltet</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>TeamAccountSync</name>
    <message>
        <source>its definition names another account</source>
        <translation>seine Definition nennt ein anderes Konto</translation>
    </message>
    <message>
        <source>The team&apos;s account %1 is left out: %2</source>
        <translation>Das Team-Konto %1 wird ausgelassen: %2</translation>
    </message>
    <message>
        <source>The team&apos;s accounts could not be written to this machine&apos;s accounts file: %1</source>
        <translation>Die Konten des Teams konnten nicht in die Kontendatei dieses Rechners geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>ThrottlePattern</name>
    <message>
        <source>%1 d</source>
        <translation>%1 T</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>429s every %1, in %2 of the last %3 periods (%4): a scheduled job?</source>
        <translation>429er alle %1, in %2 der letzten %3 Perioden (%4): ein geplanter Job?</translation>
    </message>
    <message>
        <source>Near-limit flags every %1, in %2 of the last %3 periods (%4): a scheduled job?</source>
        <translation>Nahe-am-Limit-Meldungen alle %1, in %2 der letzten %3 Perioden (%4): ein geplanter Job?</translation>
    </message>
    <message>
        <source>hh:%1</source>
        <translation>hh:%1</translation>
    </message>
    <message>
        <source>429s at about %1, every %2, on %3 of the last %4: a scheduled job?</source>
        <translation>429er gegen %1, alle %2, an %3 der letzten %4: ein geplanter Job?</translation>
    </message>
    <message>
        <source>Near-limit flags at about %1, every %2, on %3 of the last %4: a scheduled job?</source>
        <translation>Nahe-am-Limit-Meldungen gegen %1, alle %2, an %3 der letzten %4: ein geplanter Job?</translation>
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
    <message>
        <source>plain http is refused for localhost, since a name can resolve anywhere: write http://127.0.0.1 (or http://[::1]) instead</source>
        <translation>unverschlüsseltes http wird für localhost abgelehnt, da ein Name auf jede beliebige Adresse zeigen kann: stattdessen http://127.0.0.1 (oder http://[::1]) schreiben</translation>
    </message>
</context>
<context>
    <name>probe</name>
    <message>
        <source>  resets in %1 s</source>
        <translation>  Zurücksetzung in %1 s</translation>
    </message>
    <message>
        <source>  retry after %1 s</source>
        <translation>  erneut versuchen nach %1 s</translation>
    </message>
</context>
</TS>
