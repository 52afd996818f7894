#!/usr/bin/env bash
# Checks what the product needs on this machine before anything starts: Java 17+, Maven, Node.js
# 20.12+ with npm, curl, Chromium (CHROMIUM_PATH, default /usr/bin/chromium) and the Noto CJK fonts
# the documents are printed with; with --test also poppler-utils (pdftotext), which the tests read
# PDFs with. As root on Debian or Ubuntu it installs what is missing with apt (one apt-get update,
# then one apt-get install); otherwise it stops and prints the command to run.
# Usage: scripts/check-requirements.sh [--test]   (make start and make test call it; so does CI)
set -euo pipefail

for_tests=0
[[ ${1:-} == --test ]] && for_tests=1
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
# The faces workers/documents/fonts.ts cuts its subsets from (Debian's fonts-noto-cjk).
fonts=(/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc /usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc)

# "major.minor" of a version string, as one comparable number (20.12 -> 20012).
version_number() { awk -F. '{ printf "%d", $1 * 1000 + $2 }' <<<"$1"; }

missing=()   # what is missing, for people
packages=()  # the Debian packages that bring it
need() { missing+=("$1"); [[ -n ${2:-} ]] && packages+=("$2"); return 0; }

check() {
  missing=()
  packages=()
  local v
  if ! command -v java >/dev/null; then
    need "Java 17 or newer" openjdk-17-jdk-headless
  else
    v="$(java -version 2>&1 | sed -nE '1s/.*version "([0-9]+)(\.([0-9]+))?.*/\1/p')"
    [[ $v == 1 ]] && v=8 # 1.8 and older
    if [[ -z $v || $v -lt 17 ]]; then need "Java 17 or newer (found $(java -version 2>&1 | head -n 1))" openjdk-17-jdk-headless; fi
  fi
  command -v mvn >/dev/null || need "Maven" maven
  command -v curl >/dev/null || need "curl" curl
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    need "Node.js 20.12 or newer with npm" nodejs
  else
    v="$(node -v | sed 's/^v//')"
    if (($(version_number "$v") < $(version_number 20.12))); then need "Node.js 20.12 or newer (found $v)" nodejs; fi
  fi
  if [[ ! -x $chromium ]]; then
    # Only Debian's own path can be installed here; another CHROMIUM_PATH is the operator's choice.
    if [[ $chromium == /usr/bin/chromium ]]; then need "Chromium at $chromium" chromium; else need "Chromium at CHROMIUM_PATH=$chromium"; fi
  fi
  local font
  for font in "${fonts[@]}"; do
    if [[ ! -f $font ]]; then need "the Noto CJK fonts ($font)" fonts-noto-cjk; break; fi
  done
  if ((for_tests)); then command -v pdftotext >/dev/null || need "pdftotext (tests)" poppler-utils; fi
}

check
((${#missing[@]} == 0)) && exit 0

printf 'requirements: missing:\n' >&2
printf '  - %s\n' "${missing[@]}" >&2
mapfile -t packages < <(printf '%s\n' "${packages[@]}" | sort -u | sed '/^$/d')
if ((${#packages[@]} == 0)); then exit 1; fi

if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  echo "requirements: installing ${packages[*]}" >&2
  apt-get update -qq
  # Debian's nodejs may be older than 20.12 (bookworm has 18): install it only when it is new enough.
  if [[ " ${packages[*]} " == *" nodejs "* ]]; then
    candidate="$(apt-cache policy nodejs | sed -nE 's/^ *Candidate: ([0-9]+:)?([0-9.]+).*/\2/p')"
    if [[ -z $candidate ]] || (($(version_number "$candidate") < $(version_number 20.12))); then
      echo "requirements: apt offers nodejs ${candidate:-none}, older than 20.12: install Node.js 20.12 or newer from nodejs.org or your distribution's Node.js 20 packages" >&2
      exit 1
    fi
    packages+=(npm)
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  check
  if ((${#missing[@]})); then
    printf 'requirements: still missing after apt-get install:\n' >&2
    printf '  - %s\n' "${missing[@]}" >&2
    exit 1
  fi
  echo "requirements: installed ${packages[*]}" >&2
  exit 0
fi

sudo=""
[[ $(id -u) == 0 ]] || sudo="sudo "
echo "requirements: run this, then try again:" >&2
echo "  ${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${packages[*]}" >&2
exit 1
