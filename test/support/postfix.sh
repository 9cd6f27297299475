#!/usr/bin/env bash
# A private Postfix for the MTA-in-the-loop test, on 127.0.0.1 only, everything in one temp dir:
#   postfix.sh start DIR PORT RELAYPORT BOUNCE_DOMAIN BOUNCEPORT
#       writes DIR/etc/{main,master}.cf, starts it, waits until it listens on 127.0.0.1:PORT.
#       Mail goes to [127.0.0.1]:RELAYPORT; mail for BOUNCE_DOMAIN (Postfix's own DSNs to the VERP
#       return path) goes to [127.0.0.1]:BOUNCEPORT. No DNS is asked, nothing is delivered locally.
#   postfix.sh stop DIR    stops it and waits until its master is gone (the temp dir is the caller's)
# Needs root (Postfix daemons drop to Debian's 'postfix' user; its queue must be owned by it) and
# /usr/sbin/postfix (Debian: apt-get install postfix).
set -euo pipefail

POSTFIX=${POSTFIX:-/usr/sbin/postfix}

start() {
  local dir=$1 port=$2 relay_port=$3 bounce_domain=$4 bounce_port=$5
  # The daemons run as 'postfix' and must reach the queue inside the (root-only) temp dir.
  chmod 755 "$dir"
  mkdir -p "$dir/etc" "$dir/queue" "$dir/data"
  chown postfix:postfix "$dir/data"
  cat >"$dir/etc/main.cf" <<CONF
compatibility_level = 3.6
config_directory = $dir/etc
queue_directory = $dir/queue
data_directory = $dir/data
maillog_file = $dir/maillog
maillog_file_prefixes = $dir
myhostname = mta.rebound.test
mydomain = rebound.test
myorigin = \$myhostname
mydestination =
local_transport = error:no local delivery in this test
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relayhost = [127.0.0.1]:$relay_port
transport_maps = inline:{$bounce_domain=smtp:[127.0.0.1]:$bounce_port}
# Nothing may touch DNS: the next hops are IP literals, the client's name is not looked up.
smtp_dns_support_level = disabled
smtp_host_lookup = native
smtpd_peername_lookup = no
smtp_tls_security_level = none
smtpd_tls_security_level = none
# Retry deferred mail within seconds (a greylisting server accepts the second attempt). A back-off
# of 1 s let the queue manager's deferred scan find a file the delivery agent still held ("skipped,
# still being delivered"), which puts it back for 60 s; 3 s leaves the agent time to let go.
queue_run_delay = 1s
minimal_backoff_time = 3s
maximal_backoff_time = 6s
maximal_queue_lifetime = 1h
bounce_queue_lifetime = 1h
delay_warning_time = 0
# 5xx mean 5xx: no soft_bounce, no unknown-recipient 450 tricks.
soft_bounce = no
smtp_connect_timeout = 5s
alias_maps =
alias_database =
biff = no
CONF
  # The services the relay path needs, none chrooted (the temp dir holds no copy of /etc or /lib).
  cat >"$dir/etc/master.cf" <<CONF
127.0.0.1:$port inet n - n - - smtpd
cleanup   unix  n - n - 0 cleanup
# The queue manager is woken every 5 s (300 by default): a file put back for later is seen soon
# after its time, even when no new mail triggers a scan.
qmgr      unix  n - n 5 1 qmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
smtp      unix  - - n - - smtp
relay     unix  - - n - - smtp
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
CONF
  # 'start' checks and creates the queue directories with the right owners first.
  if ! "$POSTFIX" -c "$dir/etc" start </dev/null >"$dir/startup.log" 2>&1; then
    cat "$dir/startup.log" >&2
    cat "$dir/maillog" >&2 2>/dev/null || true
    return 1
  fi
  for _ in $(seq 1 200); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  echo "postfix did not listen on 127.0.0.1:$port; its log:" >&2
  cat "$dir/maillog" >&2 || true
  return 1
}

stop() {
  local dir=$1
  [ -f "$dir/etc/main.cf" ] || return 0
  local pid_file="$dir/queue/pid/master.pid" pid=''
  [ -f "$pid_file" ] && pid=$(tr -d ' \n' <"$pid_file")
  "$POSTFIX" -c "$dir/etc" stop </dev/null >/dev/null 2>&1 || true
  [ -n "$pid" ] || return 0
  # 'stop' signals the master and returns; wait for it (and so its port) to go, then insist.
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.05
  done
  "$POSTFIX" -c "$dir/etc" abort </dev/null >/dev/null 2>&1 || kill -9 "$pid" 2>/dev/null || true
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: postfix.sh start DIR PORT RELAYPORT BOUNCE_DOMAIN BOUNCEPORT | stop DIR" >&2; exit 2 ;;
esac
