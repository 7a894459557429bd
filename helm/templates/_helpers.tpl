{{/*
Chart name, truncated to 63 characters (the DNS label limit of some name fields).
*/}}
{{- define "protocol-registry.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name: <release>-<chart>, or the release name when it already contains the chart name.
*/}}
{{- define "protocol-registry.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "protocol-registry.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The Kubernetes recommended labels shared by every object, without the component.
*/}}
{{- define "protocol-registry.commonLabels" -}}
helm.sh/chart: {{ include "protocol-registry.chart" . }}
app.kubernetes.io/name: {{ include "protocol-registry.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: protocol-registry
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Labels of the server's objects (every object except the helm test pod).
*/}}
{{- define "protocol-registry.labels" -}}
{{ include "protocol-registry.commonLabels" . }}
app.kubernetes.io/component: server
{{- end }}

{{/*
Selector labels of the server pods. The component keeps the helm test pod out of the Service.
*/}}
{{- define "protocol-registry.selectorLabels" -}}
app.kubernetes.io/name: {{ include "protocol-registry.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: server
{{- end }}

{{/*
The label that admits a pod through the NetworkPolicy (the helm test pod carries it).
*/}}
{{- define "protocol-registry.clientLabel" -}}
{{ include "protocol-registry.fullname" . }}-client
{{- end }}

{{/*
Name of the ServiceAccount the pods run as.
*/}}
{{- define "protocol-registry.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "protocol-registry.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The container image: repository, then the digest when given, else the tag. The default tag
"<appVersion>-<database.mode>" keeps the image's build-time datasource kind and the mode in step.
*/}}
{{- define "protocol-registry.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default (printf "%s-%s" .Chart.AppVersion .Values.database.mode) .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
Name of the Secret holding the database password: the operator's existing one, or the chart's.
*/}}
{{- define "protocol-registry.databaseSecretName" -}}
{{- default (printf "%s-database" (include "protocol-registry.fullname" .)) .Values.database.postgresql.existingSecret }}
{{- end }}

{{/*
Key of the password in that Secret.
*/}}
{{- define "protocol-registry.databaseSecretKey" -}}
{{- if .Values.database.postgresql.existingSecret }}
{{- .Values.database.postgresql.existingSecretPasswordKey }}
{{- else -}}
password
{{- end }}
{{- end }}

{{/*
The JDBC URL for the database mode.
*/}}
{{- define "protocol-registry.jdbcUrl" -}}
{{- if eq .Values.database.mode "postgresql" }}
{{- $pg := .Values.database.postgresql }}
{{- printf "jdbc:postgresql://%s:%d/%s" $pg.host (int $pg.port) $pg.database }}
{{- with $pg.parameters }}?{{ . }}{{ end }}
{{- else }}
{{- printf "jdbc:h2:file:%s/registry;WRITE_DELAY=0" (trimSuffix "/" .Values.database.h2.dataDir) }}
{{- end }}
{{- end }}

{{/*
Where the mounted public key lives in the container (auth.publicKeyPem).
*/}}
{{- define "protocol-registry.publicKeyDir" -}}
/etc/protocol-registry/jwt
{{- end }}

{{/*
Name of the PersistentVolumeClaim for the H2 files.
*/}}
{{- define "protocol-registry.claimName" -}}
{{- default (printf "%s-data" (include "protocol-registry.fullname" .)) .Values.persistence.existingClaim }}
{{- end }}

{{/*
Refuses values that cannot work, with a message saying what to change. Included by the
Deployment, so that no manifest is rendered from such values. `required` (not `fail`) is used
for values an operator must supply, so that `helm lint` of the defaults passes and reports them.
*/}}
{{- define "protocol-registry.validate" -}}
{{- $db := .Values.database }}
{{- if eq $db.mode "h2" }}
{{- if gt (int .Values.replicaCount) 1 }}
{{- fail (printf "database.mode=h2 runs exactly one replica: two pods cannot share the embedded H2 database file (replicaCount is %d). Set replicaCount=1, or use database.mode=postgresql with the PostgreSQL image to run several replicas." (int .Values.replicaCount)) }}
{{- end }}
{{- if .Values.autoscaling.enabled }}
{{- fail "database.mode=h2 runs exactly one replica, so it cannot autoscale: two pods cannot share the embedded H2 database file. Set autoscaling.enabled=false, or use database.mode=postgresql with the PostgreSQL image." }}
{{- end }}
{{- else }}
{{- $_ := required "database.postgresql.host is required with database.mode=postgresql: the PostgreSQL server's host name." $db.postgresql.host }}
{{- if and $db.postgresql.existingSecret $db.postgresql.password }}
{{- fail "Set either database.postgresql.existingSecret or database.postgresql.password, not both: with an existing Secret the password must not appear in the values." }}
{{- end }}
{{- if not $db.postgresql.existingSecret }}
{{- $_ := required "database.postgresql.existingSecret (the name of a Secret holding the password, preferred) or database.postgresql.password is required with database.mode=postgresql." $db.postgresql.password }}
{{- end }}
{{- end }}
{{- $_ := required "auth.issuer is required: the `iss` claim every token must carry (MP_JWT_VERIFY_ISSUER). The service refuses to start without it." .Values.auth.issuer }}
{{- if and .Values.auth.publicKeyPem .Values.auth.publicKeyLocation }}
{{- fail "Set either auth.publicKeyPem or auth.publicKeyLocation, not both." }}
{{- end }}
{{- if not .Values.auth.publicKeyLocation }}
{{- $_ := required "auth.publicKeyPem (the issuer's RS256 public key in PEM) or auth.publicKeyLocation (an https:// URL of its key or JWK set) is required. The service refuses to start without a key." .Values.auth.publicKeyPem }}
{{- end }}
{{- range $name, $_ := .Values.env }}
{{- if regexMatch "(?i)(PASSWORD|SECRET)" $name }}
{{- fail (printf "env.%s looks like a secret, and env values are stored in a ConfigMap in plain text. Put it in a Secret and reference it from extraEnv with valueFrom.secretKeyRef." $name) }}
{{- end }}
{{- end }}
{{- $shutdown := add (int .Values.gracefulShutdown.delaySeconds) (int .Values.gracefulShutdown.timeoutSeconds) }}
{{- if le (int .Values.terminationGracePeriodSeconds) (int $shutdown) }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must exceed gracefulShutdown.delaySeconds + gracefulShutdown.timeoutSeconds (%d), or Kubernetes kills the JVM before in-flight requests finish." (int .Values.terminationGracePeriodSeconds) (int $shutdown)) }}
{{- end }}
{{- if not (or (kindIs "invalid" .Values.podDisruptionBudget.minAvailable) (kindIs "invalid" .Values.podDisruptionBudget.maxUnavailable)) }}
{{- fail "Set either podDisruptionBudget.minAvailable or podDisruptionBudget.maxUnavailable, not both (set the other to null)." }}
{{- end }}
{{- end }}
