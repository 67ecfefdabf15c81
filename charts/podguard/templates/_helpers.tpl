{{/* Names: the release name when it already says podguard, else <release>-podguard. */}}
{{- define "podguard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "podguard.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "podguard.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "podguard.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "podguard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "podguard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: webhook
{{- end -}}

{{- define "podguard.labels" -}}
{{ include "podguard.selectorLabels" . }}
app.kubernetes.io/part-of: podguard
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "podguard.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{- define "podguard.tlsSecret" -}}
{{- default (printf "%s-tls" (include "podguard.fullname" .)) .Values.tls.secretName -}}
{{- end -}}

{{/* Namespaces no webhook sees: the configured ones and always the release's own. */}}
{{- define "podguard.excludedNamespaces" -}}
{{- $names := .Values.webhook.excludeNamespaces | default list -}}
{{- if not (has .Release.Namespace $names) -}}{{- $names = append $names .Release.Namespace -}}{{- end -}}
{{- toJson $names -}}
{{- end -}}

{{/*
The CA the API server trusts for podguard: cert-manager injects it; else tls.caBundle; else
ca.crt of the TLS Secret, read at install time. Without any, the API server could not verify
podguard and (failurePolicy Fail) no pod could be created: refuse to render.
*/}}
{{- define "podguard.caBundle" -}}
{{- if not .Values.tls.certManager.enabled -}}
{{- $ca := .Values.tls.caBundle -}}
{{- if not $ca -}}
{{- $secret := lookup "v1" "Secret" .Release.Namespace (include "podguard.tlsSecret" .) -}}
{{- if $secret -}}{{- $ca = index ($secret.data | default dict) "ca.crt" -}}{{- end -}}
{{- end -}}
{{- if not $ca -}}
{{- fail (printf "no CA for the webhook: set tls.caBundle (the output of `podguard certs`), create Secret %s/%s with ca.crt before installing, or set tls.certManager.enabled=true (docs/deploy.md)" .Release.Namespace (include "podguard.tlsSecret" .)) -}}
{{- end -}}
caBundle: {{ $ca }}
{{- end -}}
{{- end -}}

{{- define "podguard.webhookAnnotations" -}}
{{- if .Values.tls.certManager.enabled -}}
annotations:
  cert-manager.io/inject-ca-from: {{ printf "%s/%s" .Release.Namespace (include "podguard.fullname" .) }}
{{- end -}}
{{- end -}}

{{- define "podguard.namespaceSelector" -}}
namespaceSelector:
  matchExpressions:
    - key: kubernetes.io/metadata.name
      operator: NotIn
      values: {{ include "podguard.excludedNamespaces" . }}
    {{- with .Values.webhook.namespaceSelector.matchExpressions }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}

{{- define "podguard.clientConfig" -}}
clientConfig:
  {{- with include "podguard.caBundle" .root }}{{ . | nindent 2 }}{{ end }}
  service:
    name: {{ include "podguard.fullname" .root }}
    namespace: {{ .root.Release.Namespace }}
    path: {{ .path }}
    port: 443
{{- end -}}

{{/* The PodSecurityConfiguration with the release's namespace exempt. */}}
{{- define "podguard.podSecurityConfiguration" -}}
{{- $psc := deepCopy .Values.podSecurityConfiguration -}}
{{- $exemptions := $psc.exemptions | default dict -}}
{{- $namespaces := $exemptions.namespaces | default list -}}
{{- if not (has .Release.Namespace $namespaces) -}}{{- $namespaces = append $namespaces .Release.Namespace -}}{{- end -}}
{{- $_ := set $exemptions "namespaces" $namespaces -}}
{{- $_ := set $psc "exemptions" $exemptions -}}
{{- toYaml $psc -}}
{{- end -}}
