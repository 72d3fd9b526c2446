#!/usr/bin/env bash
# A stand-in for the Pulumi CLI in the engine's tests: it records each call and answers the commands
# the Automation API sends, as the real CLI would, in the mode written in the file "mode" beside it.
here="$(cd "$(dirname "$0")" && pwd)"
mode="$(cat "$here/mode" 2>/dev/null || echo ok)"
{
  printf 'CALL'; printf ' %q' "$@"; printf '\n'
  printf 'ENV PULUMI_STACK=%s PULUMI_BACKEND_URL=%s PULUMI_HOME=%s DBPLANE_JOB_ID=%s PASSPHRASE_SET=%s IGNORE_AMBIENT=%s DEBUG_COMMANDS=%s NO_PLUGIN_DOWNLOADS=%s TMPDIR=%s PWD=%s\n' \
    "$PULUMI_STACK" "$PULUMI_BACKEND_URL" "$PULUMI_HOME" "$DBPLANE_JOB_ID" "${PULUMI_CONFIG_PASSPHRASE:+yes}" "$PULUMI_IGNORE_AMBIENT_PLUGINS" \
    "$PULUMI_DEBUG_COMMANDS" "$PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION" "$TMPDIR" "$PWD"
} >> "$here/calls.log"

event_log=""
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [[ "${args[$i]}" == "--event-log" ]]; then event_log="${args[$((i + 1))]}"; fi
done

emit() { [[ -n "$event_log" ]] && printf '%s\n' "$1" >> "$event_log"; }

run_update() {
  local op="$1" changes="$2"
  case "$mode" in
    locked) echo "error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with \`pulumi cancel\`." >&2; exit 255 ;;
    unauthorized) echo "error: 1 error occurred: POST https://api.digitalocean.com/v2/databases: 401 (request \"abc\") Unable to authenticate you" >&2; exit 255 ;;
    noplugin) echo "error: no resource plugin 'pulumi-resource-digitalocean' found in the workspace at version v4.76.0 or on your \$PATH" >&2; exit 255 ;;
    nametaken) echo "  digitalocean:index:DatabaseCluster (database-cluster):" >&2
               echo "    error: Error creating database cluster: POST https://api.digitalocean.com/v2/databases: 422 name is already in use, token dop_v1_0123456789abcdef0123" >&2; exit 255 ;;
    hang) trap 'kill %1; echo "error: update canceled" >&2; exit 255' TERM; sleep 300 & wait; exit 255 ;;
  esac
  emit '{"sequence":1,"timestamp":1764151200,"preludeEvent":{"config":{}}}'
  emit '{"sequence":2,"timestamp":1764151201,"resourcePreEvent":{"metadata":{"op":"'"$op"'","urn":"urn:pulumi:s::dbplane::digitalocean:index/databaseCluster:DatabaseCluster::database-cluster","type":"digitalocean:index/databaseCluster:DatabaseCluster","provider":"","diffs":["size","nodeCount"]}}}'
  emit '{"sequence":3,"timestamp":1764151202,"diagnosticEvent":{"message":"connecting to postgresql://doadmin:hunter2secret@db.example:25060/defaultdb\n","color":"never","severity":"info"}}'
  emit '{"sequence":4,"timestamp":1764151203,"summaryEvent":{"maybeCorrupt":false,"durationSeconds":3,"resourceChanges":'"$changes"',"PolicyPacks":{}}}'
  emit '{"sequence":5,"timestamp":1764151204,"cancelEvent":{}}'
  printf '%s' "$changes" > "$here/last-changes"
  echo "Updating ($PULUMI_STACK)"
  exit 0
}

case "$1" in
  version) if [[ "$mode" == old ]]; then echo "v3.50.0"; else echo "v3.200.0"; fi; exit 0 ;;
  whoami) echo '{"user":"fake","url":"'"$PULUMI_BACKEND_URL"'"}'; exit 0 ;;
  stack)
    case "$2" in
      history)
        echo '[{"kind":"update","startTime":"2026-11-26T10:00:00Z","message":"","environment":{},"config":{},"result":"succeeded","endTime":"2026-11-26T10:00:05Z","version":1,"resourceChanges":'"$(cat "$here/last-changes")"'}]'
        exit 0 ;;
      output)
        if [[ " $* " == *" --show-secrets "* ]]; then
          echo '{"cluster_id":"9cc10173","connection_uri":"postgresql://doadmin:pw@db.example:25060/defaultdb","database_password":"pw","database_user":"doadmin","host":"db.example","port":25060}'
        else
          echo '{"cluster_id":"9cc10173","connection_uri":"[secret]","database_password":"[secret]","database_user":"doadmin","host":"db.example","port":25060}'
        fi
        exit 0 ;;
      export)
        echo '{"version":3,"deployment":{"manifest":{},"resources":[{"urn":"urn:pulumi:s::dbplane::digitalocean:index/databaseCluster:DatabaseCluster::database-cluster","custom":true,"id":"9cc10173","type":"digitalocean:index/databaseCluster:DatabaseCluster","outputs":{"id":"9cc10173","host":"db.example","port":25060,"user":"doadmin","uri":{"4dabf18193072939515e22adb298388d":"1b47061264138c4ac30d75fd1eb44270","plaintext":"\"postgresql://doadmin:pw@db.example:25060/defaultdb\""},"password":{"4dabf18193072939515e22adb298388d":"1b47061264138c4ac30d75fd1eb44270","plaintext":"\"pw\""}}}]}}'
        exit 0 ;;
      *) exit 0 ;;
    esac ;;
  up) run_update create '{"create":2}' ;;
  preview) run_update update '{"update":1,"same":1}' ;;
  refresh) if [[ "$mode" == nodrift ]]; then run_update same '{"same":2}'; else run_update update '{"update":1,"same":1}'; fi ;;
  destroy) run_update delete '{"delete":2}' ;;
  cancel) exit 0 ;;
  *) exit 0 ;;
esac
