# shellcheck shell=bash
# Scripts/lib/install-deps.sh: sourced by Scripts/test and .ci/run.
#
# tern_install_deps installs the Debian packages that Tern's build and tests need, and
# only the missing ones, with a single `apt-get update`. It does nothing when all are
# present, and only warns on a system without dpkg (the Dovecot tests then skip, unless
# CI=true, where they fail).

TERN_DEBIAN_PACKAGES=(dovecot-imapd libncursesw5-dev libsqlite3-dev libssl-dev tmux openssl)

tern_missing_packages() {
    local -A installed=()
    local package status
    # One dpkg-query for the whole list; a package dpkg does not know is simply not listed.
    while read -r package status; do
        if [[ $status == "install ok installed" ]]; then
            installed[$package]=1
        fi
    done < <(dpkg-query -W -f='${Package} ${Status}\n' "${TERN_DEBIAN_PACKAGES[@]}" 2>/dev/null)
    for package in "${TERN_DEBIAN_PACKAGES[@]}"; do
        [[ -n ${installed[$package]:-} ]] || echo "$package"
    done
}

tern_install_deps() {
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        echo "install-deps: no dpkg/apt-get here; install by hand: ${TERN_DEBIAN_PACKAGES[*]}" >&2
        return 0
    fi
    local missing=()
    mapfile -t missing < <(tern_missing_packages)
    ((${#missing[@]} == 0)) && return 0

    local sudo=()
    if ((EUID != 0)); then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "install-deps: missing ${missing[*]}, and installing them needs root (no sudo here)" >&2
            return 1
        fi
        sudo=(sudo)
    fi
    echo "install-deps: installing ${missing[*]}" >&2

    # Package scripts must not start the system Dovecot: the tests run their own servers.
    # A policy-rc.d that answers 101 tells invoke-rc.d to leave services alone.
    local policy=/usr/sbin/policy-rc.d made_policy=no status=0
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
        "${sudo[@]}" chmod 0755 "$policy"
        made_policy=yes
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends "${missing[@]}" || status=$?
    if [[ $made_policy == yes ]]; then
        "${sudo[@]}" rm -f "$policy"
    fi
    if ((status != 0)); then
        echo "install-deps: apt-get failed (exit $status) installing ${missing[*]}" >&2
    fi
    return "$status"
}
