{{/* Chart name, at most 63 characters. */}}
{{- define "peyk.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Full name: release name, plus the chart name when the release name does not contain it. Leaves room for a role suffix. */}}
{{- define "peyk.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "peyk.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels: name and instance only (a role adds app.kubernetes.io/component, see peyk.roleSelectorLabels). */}}
{{- define "peyk.selectorLabels" -}}
app.kubernetes.io/name: {{ include "peyk.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Standard labels on every resource. */}}
{{- define "peyk.labels" -}}
helm.sh/chart: {{ include "peyk.chart" . }}
{{ include "peyk.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: peyk
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector labels of one role; call with (dict "root" $ "role" "gateway"). */}}
{{- define "peyk.roleSelectorLabels" -}}
{{ include "peyk.selectorLabels" .root }}
app.kubernetes.io/component: {{ .role }}
{{- end -}}

{{/* Labels of one role's resources; call with (dict "root" $ "role" "gateway"). */}}
{{- define "peyk.roleLabels" -}}
{{ include "peyk.labels" .root }}
app.kubernetes.io/component: {{ .role }}
{{- end -}}

{{- define "peyk.annotations" -}}
{{- with .Values.commonAnnotations }}
{{- toYaml . }}
{{- end }}
{{- end -}}

{{- define "peyk.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "peyk.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "peyk.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* The environment variable name SmallRye maps to peyk.smpp.connectors.<name>.password. */}}
{{- define "peyk.connectorPasswordEnv" -}}
{{- printf "PEYK_SMPP_CONNECTORS_%s_PASSWORD" (upper .) -}}
{{- end -}}

{{/* The environment variable name SmallRye maps to peyk.smpp.connectors.<name>.tls-trust-store-password. */}}
{{- define "peyk.connectorTrustStorePasswordEnv" -}}
{{- printf "PEYK_SMPP_CONNECTORS_%s_TLS_TRUST_STORE_PASSWORD" (upper .) -}}
{{- end -}}

{{/* Where a connector's TLS trust store Secret is mounted (read-only) in gateway pods. */}}
{{- define "peyk.connectorTrustStoreDir" -}}
{{- printf "/deployments/smpp-tls/%s" . -}}
{{- end -}}

{{/* The instance role a Deployment runs; call with (dict "root" $ "role" "gateway"). */}}
{{- define "peyk.instanceRole" -}}
{{- if and (eq .role "gateway") (not .root.Values.billing.enabled) -}}
both
{{- else -}}
{{ .role }}
{{- end -}}
{{- end -}}

{{/* Whether pods migrate at start ("true"/"false"). */}}
{{- define "peyk.migrateAtStart" -}}
{{- if .Values.migrations.job.enabled -}}false{{- else -}}{{ .Values.migrations.atStart }}{{- end -}}
{{- end -}}

{{/* A properties line "key=value" with the value escaped for java.util.Properties (backslashes; no new lines allowed). */}}
{{- define "peyk.property" -}}
{{ .key }}={{ .value | toString | replace "\\" "\\\\" }}
{{- end -}}

{{/*
application.properties for every pod (and the migration Job): the external services, connectors (no passwords),
routes, partner defaults, tuning and extraProperties. Secrets come from the environment (Secrets by reference).
*/}}
{{- define "peyk.applicationProperties" -}}
# Rendered by the peyk Helm chart; secrets are not here (they come from Secrets, as environment variables).
quarkus.datasource.reactive.url=postgresql://{{ .Values.database.host }}:{{ .Values.database.port }}/{{ .Values.database.name }}
quarkus.datasource.jdbc.url=jdbc:postgresql://{{ .Values.database.host }}:{{ .Values.database.port }}/{{ .Values.database.name }}{{ if .Values.database.sslMode }}?sslmode={{ .Values.database.sslMode }}{{ end }}
quarkus.datasource.reactive.max-size={{ .Values.database.reactiveMaxSize }}
{{- with .Values.database.sslMode }}
quarkus.datasource.reactive.postgresql.ssl-mode={{ . }}
{{- end }}
kafka.bootstrap.servers={{ .Values.kafka.bootstrapServers }}
{{- if .Values.tls.existingSecret }}
quarkus.tls.key-store.pem.0.cert=/deployments/tls/tls.crt
quarkus.tls.key-store.pem.0.key=/deployments/tls/tls.key
quarkus.http.ssl-port=8443
quarkus.http.insecure-requests=disabled
{{- end }}
{{- with .Values.kafka.securityProtocol }}
kafka.security.protocol={{ . }}
{{- end }}
{{- if .Values.kafka.sasl.mechanism }}
kafka.sasl.mechanism={{ .Values.kafka.sasl.mechanism }}
kafka.sasl.jaas.config=${PEYK_KAFKA_SASL_JAAS_CONFIG}
{{- end }}
peyk.outbox.topic-partitions={{ .Values.kafka.topicPartitions }}
peyk.outbox.topic-replication-factor={{ .Values.kafka.topicReplicationFactor }}
{{- range $name, $c := .Values.smpp.connectors }}
peyk.smpp.connectors.{{ $name }}.host={{ $c.host }}
peyk.smpp.connectors.{{ $name }}.port={{ $c.port }}
peyk.smpp.connectors.{{ $name }}.system-id={{ $c.systemId }}
{{- if $c.tls }}
peyk.smpp.connectors.{{ $name }}.tls=true
{{- with $c.tlsTrustStoreSecret }}
peyk.smpp.connectors.{{ $name }}.tls-trust-store-file={{ include "peyk.connectorTrustStoreDir" $name }}/truststore.p12
{{- end }}
{{- end }}
{{- range $k, $v := $c.settings }}
{{ include "peyk.property" (dict "key" (printf "peyk.smpp.connectors.%s.%s" $name $k) "value" $v) }}
{{- end }}
{{- end }}
{{- range $prefix, $names := .Values.smpp.routes }}
peyk.smpp.routes."{{ $prefix }}"={{ join "," $names }}
{{- end }}
{{- with .Values.smpp.defaultRoute }}
peyk.smpp.default-route={{ join "," . }}
{{- end }}
{{- $p := .Values.partnerDefaults }}
{{- with $p.defaultRegion }}
peyk.messages.default-region={{ . }}
{{- end }}
{{- with $p.messageValidity }}
peyk.messages.dispatcher.default-validity={{ . }}
{{- end }}
{{- with $p.ottFallbackAfterSeconds }}
peyk.messages.ott.default-fallback-after-seconds={{ . }}
{{- end }}
{{- with $p.webhookMaxAge }}
peyk.webhooks.max-age={{ . }}
{{- end }}
{{- $t := .Values.tuning }}
{{- with $t.dispatcherMaxInFlight }}
peyk.messages.dispatcher.max-in-flight={{ . }}
{{- end }}
{{- with $t.dispatcherBatchSize }}
peyk.messages.dispatcher.batch-size={{ . }}
{{- end }}
{{- with $t.dispatcherLease }}
peyk.messages.dispatcher.lease={{ . }}
{{- end }}
{{- with $t.webhooksMaxInFlight }}
peyk.webhooks.max-in-flight={{ . }}
{{- end }}
{{- with $t.webhooksMaxInFlightPerPartner }}
peyk.webhooks.max-in-flight-per-partner={{ . }}
{{- end }}
{{- with $t.messageTextRetention }}
peyk.retention.message-text={{ . }}
{{- end }}
{{- with $t.deviceConnectionsMaxTotal }}
peyk.devices.connections.max-total={{ . }}
{{- end }}
{{- with $t.ratingInterval }}
peyk.billing.rating.interval={{ . }}
{{- end }}
{{- range $k, $v := .Values.extraProperties }}
{{ include "peyk.property" (dict "key" $k "value" $v) }}
{{- end }}
{{ end -}}

{{/* Environment shared by the roles and the migration Job: database credentials and Kafka SASL. */}}
{{- define "peyk.commonEnv" -}}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret }}
      key: {{ .Values.database.usernameKey }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret }}
      key: {{ .Values.database.passwordKey }}
{{- if .Values.kafka.sasl.mechanism }}
- name: PEYK_KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ .Values.kafka.sasl.existingSecret }}
      key: {{ .Values.kafka.sasl.jaasConfigKey }}
{{- end }}
{{- end -}}

{{/* An HTTP probe; call with (dict "probe" .Values.probes.liveness). */}}
{{- define "peyk.httpProbe" -}}
httpGet:
  path: {{ .probe.path }}
  port: http
  {{- if .tls }}
  scheme: HTTPS
  {{- end }}
periodSeconds: {{ .probe.periodSeconds }}
timeoutSeconds: {{ .probe.timeoutSeconds }}
failureThreshold: {{ .probe.failureThreshold }}
{{- end -}}
