#!/usr/bin/env bash
# `make run`: migrate, load the demo data and serve the site on the address of
# LMS_BASE_URL, so that the printed URL, the server's address and the links in
# certificates (QR code) and e-mail are the same. Without LMS_BASE_URL it is
# http://127.0.0.1:$PORT (PORT defaults to 8000). BIN is the virtualenv's bin.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}

fail() {
    echo "scripts/run.sh: $1" >&2
    exit 2
}

base_url=${LMS_BASE_URL:-http://127.0.0.1:${PORT:-8000}}
base_url=${base_url%/}
case $base_url in
    http://*) rest=${base_url#http://} ;;
    https://*) fail "the development server speaks plain HTTP: give LMS_BASE_URL as http://… (개발 서버는 http:// 주소만 쓸 수 있습니다)" ;;
    *) fail "LMS_BASE_URL must be an http:// address such as http://127.0.0.1:8000 (LMS_BASE_URL은 http://로 시작해야 합니다), not: $base_url" ;;
esac
case $rest in
    */*) fail "the development server serves the site at the root: give LMS_BASE_URL without a path (경로 없이 주소만 쓰십시오), not: $base_url" ;;
esac
# host[:port] or [ipv6][:port]; no port means HTTP's 80.
authority='^(\[[0-9A-Fa-f:.]+\]|[^]:[]+)(:([0-9]+))?$'
if [[ $rest =~ $authority ]]; then
    host=${BASH_REMATCH[1]}
    port=${BASH_REMATCH[3]:-80}
else
    fail "cannot read a host and port in LMS_BASE_URL (주소를 읽을 수 없습니다): $base_url"
fi
address="$host:$port"
export LMS_BASE_URL=$base_url

"$BIN/python" manage.py migrate --noinput
"$BIN/python" manage.py load_demo
echo
echo "사이트 주소 / Site address: $LMS_BASE_URL  (LMS_BASE_URL; change it with PORT=… or LMS_BASE_URL=…)"
echo
exec "$BIN/python" manage.py runserver "$address"
