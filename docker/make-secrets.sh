#!/usr/bin/env bash
# Credentials of the compose cluster, made once before `docker compose up`:
#   docker/make-secrets.sh
# writes docker/secrets/ (ignored by git):
#   cluster.secret      the shared secret every member proves on each Hazelcast connection
#   member.p12          the members' key and certificate for mutual TLS on the event bus
#   members-trust.p12   the certificates members accept (here: that one certificate)
# The members run as `nobody` and read these files through compose secrets (bind mounts that
# keep the file modes), so the files are made readable; keep the directory itself private.
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)/secrets"
password="${ETHBUS_STORE_PASSWORD:-ethbus-store}"
mkdir -p "$dir"
chmod 700 "$dir"
if [ -e "$dir/cluster.secret" ]; then
  echo "$dir already holds credentials; delete it to make new ones" >&2
  exit 1
fi
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/cluster.secret"
keytool -genkeypair -alias member -keyalg EC -groupname secp256r1 -validity 365 \
  -dname "CN=ethbus member" -storetype PKCS12 -keystore "$dir/member.p12" \
  -storepass "$password" -keypass "$password"
keytool -exportcert -rfc -alias member -keystore "$dir/member.p12" -storepass "$password" -file "$dir/member.crt"
keytool -importcert -noprompt -alias member -file "$dir/member.crt" -storetype PKCS12 \
  -keystore "$dir/members-trust.p12" -storepass "$password"
chmod 644 "$dir/cluster.secret" "$dir/member.p12" "$dir/members-trust.p12"
echo "credentials in $dir"
