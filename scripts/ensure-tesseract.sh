#!/usr/bin/env bash
# Makes sure Tesseract OCR is installed with the English, German, French and Spanish language data,
# for scanned PDFs and images (Tika runs the tesseract command). Idempotent and quick when all is
# there. Without apt-get it only says what is missing: Verity then fails such files with a reason
# that names the package, and indexes everything else.
set -euo pipefail

missing=()
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
for lang in deu fra spa; do
  if ! command -v tesseract >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -qx "$lang"; then
    missing+=("tesseract-ocr-$lang")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-tesseract: missing ${missing[*]} and there is no apt-get; install Tesseract OCR with" \
       "these languages to have scanned documents read (everything else works without)" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "ensure-tesseract: installing ${missing[*]} (Debian packages) for OCR"
$SUDO apt-get update -qq || true
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
tesseract --version | head -1
