{{/*
validateValues: every rule the schema cannot express. All failures are collected and reported together, each naming
the value to set, e.g. "peyk: database.host: set the PostgreSQL host (required; the chart never runs an embedded database)".
*/}}
{{- define "peyk.validateValues" -}}
{{- $errors := list -}}
{{- $v := .Values -}}
{{- if not $v.database.host -}}
{{- $errors = append $errors "database.host: set the PostgreSQL host (required; the chart never runs an embedded database)" -}}
{{- end -}}
{{- if not $v.database.existingSecret -}}
{{- $errors = append $errors "database.existingSecret: name the Secret holding the database user name and password (required)" -}}
{{- end -}}
{{- if not $v.kafka.bootstrapServers -}}
{{- $errors = append $errors "kafka.bootstrapServers: set the Kafka bootstrap servers, host:port[,host:port] (required)" -}}
{{- end -}}
{{- if and $v.kafka.sasl.mechanism (not $v.kafka.sasl.existingSecret) -}}
{{- $errors = append $errors (printf "kafka.sasl.existingSecret: name the Secret holding sasl.jaas.config (required with kafka.sasl.mechanism=%s)" $v.kafka.sasl.mechanism) -}}
{{- end -}}
{{- if and $v.kafka.sasl.mechanism (not (hasPrefix "SASL_" (default "" $v.kafka.securityProtocol))) -}}
{{- $errors = append $errors "kafka.securityProtocol: must be SASL_SSL or SASL_PLAINTEXT when kafka.sasl.mechanism is set" -}}
{{- end -}}
{{- if not $v.encryption.existingSecret -}}
{{- $errors = append $errors "encryption.existingSecret: name the Secret holding the text encryption keys (required: a gateway refuses to start without them)" -}}
{{- end -}}
{{- if not (has $v.encryption.activeKeyId $v.encryption.keyIds) -}}
{{- $errors = append $errors "encryption.activeKeyId: must be one of encryption.keyIds" -}}
{{- end -}}
{{- if not $v.admin.existingSecret -}}
{{- $errors = append $errors "admin.existingSecret: name the Secret holding the admin API token (required)" -}}
{{- end -}}
{{- if not $v.gateway.enabled -}}
{{- $errors = append $errors "gateway.enabled: the gateway role is required (disable billing instead to run one Deployment with role both)" -}}
{{- end -}}
{{- if and $v.gateway.enabled (not $v.smpp.connectors) -}}
{{- $errors = append $errors "smpp.connectors: configure at least one SMSC connector (without one the gateway would start its built-in simulator)" -}}
{{- end -}}
{{- range $name, $c := $v.smpp.connectors -}}
{{- if not $c.passwordSecret -}}
{{- $errors = append $errors (printf "smpp.connectors.%s.passwordSecret: name the Secret and key of the bind password (SMSC passwords are never values)" $name) -}}
{{- end -}}
{{- if and $c.tlsTrustStoreSecret (not $c.tls) -}}
{{- $errors = append $errors (printf "smpp.connectors.%s.tlsTrustStoreSecret: a trust store needs tls: true on the connector" $name) -}}
{{- end -}}
{{- end -}}
{{- $known := keys $v.smpp.connectors -}}
{{- range $prefix, $names := $v.smpp.routes -}}
{{- range $names -}}
{{- if not (has . $known) -}}
{{- $errors = append $errors (printf "smpp.routes.%s: connector %q is not in smpp.connectors" $prefix .) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range $v.smpp.defaultRoute -}}
{{- if not (has . $known) -}}
{{- $errors = append $errors (printf "smpp.defaultRoute: connector %q is not in smpp.connectors" .) -}}
{{- end -}}
{{- end -}}
{{- range $role := list "gateway" "billing" -}}
{{- $r := index $v $role -}}
{{- if and $r.enabled $r.pdb.enabled (eq (toString $r.pdb.minAvailable) "") (eq (toString $r.pdb.maxUnavailable) "") -}}
{{- $errors = append $errors (printf "%s.pdb: set minAvailable or maxUnavailable" $role) -}}
{{- end -}}
{{- if and $r.enabled $r.pdb.enabled (ne (toString $r.pdb.minAvailable) "") (ne (toString $r.pdb.maxUnavailable) "") -}}
{{- $errors = append $errors (printf "%s.pdb: set minAvailable or maxUnavailable, not both" $role) -}}
{{- end -}}
{{- if and $r.enabled $r.autoscaling.enabled (gt (int $r.autoscaling.minReplicas) (int $r.autoscaling.maxReplicas)) -}}
{{- $errors = append $errors (printf "%s.autoscaling: minReplicas (%v) exceeds maxReplicas (%v)" $role $r.autoscaling.minReplicas $r.autoscaling.maxReplicas) -}}
{{- end -}}
{{- end -}}
{{- if and $v.migrations.job.enabled $v.migrations.job.existingSecret (eq $v.migrations.job.existingSecret $v.database.existingSecret) -}}
{{- $errors = append $errors "migrations.job.existingSecret: leave it empty to reuse database.existingSecret, or name the schema owner's Secret" -}}
{{- end -}}
{{- range $k, $_ := $v.extraProperties -}}
{{- if regexMatch "(?i)(password|secret|token|jaas)" $k -}}
{{- $errors = append $errors (printf "extraProperties.%s: looks like a secret; pass it from a Secret with gateway.extraEnv/billing.extraEnv instead" $k) -}}
{{- end -}}
{{- end -}}
{{- if $errors -}}
{{- fail (printf "\n\nPEYK VALUES ERROR:\n  peyk: %s\n" (join "\n  peyk: " $errors)) -}}
{{- end -}}
{{- end -}}
