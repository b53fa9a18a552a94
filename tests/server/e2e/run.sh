#!/usr/bin/env bash
# End-to-end test of the caseworker page in headless Chromium (issue 6): builds a small registry, starts
# `jiuzhu serve`, and drives the page with playwright-core from npm against Debian's /usr/bin/chromium (no
# Playwright browser download). Screenshots go to BUILD_DIR/e2e-screenshots/.
# Usage: tests/server/e2e/run.sh BUILD_DIR      Exit 0 pass, 1 fail, 77 skipped (Chromium not installed).
set -euo pipefail
if [ $# -ne 1 ]; then echo "usage: $0 BUILD_DIR" >&2; exit 2; fi
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
chromium=${JIUZHU_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "SKIP: $chromium is not installed (Debian: apt-get install chromium fonts-noto-cjk); the e2e test did not run"
  exit 77
fi
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (Debian: apt-get install nodejs npm)" >&2; exit 1; }
done
for program in jiuzhu jiuzhu_county; do
  [ -x "$build/$program" ] || { echo "FAIL: $build/$program is missing: build it first" >&2; exit 1; }
done

# playwright-core is installed into the build folder (the checkout stays clean; build/ and build-asan/ do not share
# node_modules). npm ci runs only when the installed version differs from the lock file, and prefers its cache,
# so a machine that has run it once needs no network.
modules="$build/e2e-node"
mkdir -p "$modules"
want=$(node -e 'console.log(require(process.argv[1]).packages["node_modules/playwright-core"].version)' "$here/package-lock.json")
have=$(node -e 'try{console.log(require(process.argv[1]).version)}catch(e){console.log("")}' \
  "$modules/node_modules/playwright-core/package.json")
if [ "$want" != "$have" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$modules/"
  if ! (cd "$modules" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefer-offline --no-audit --no-fund --loglevel=error); then
    echo "FAIL: npm ci could not install playwright-core $want (offline with an empty npm cache?)" >&2
    exit 1
  fi
fi

export JIUZHU_E2E_MODULES="$modules" JIUZHU_CHROMIUM="$chromium"
exec node "$here/e2e.mjs" "$build" "$(cd "$here/../../.." && pwd)"
