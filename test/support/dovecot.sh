#!/usr/bin/env bash
# A private Dovecot IMAP server for the mailbox tests, on 127.0.0.1 only, everything in one temp dir:
#   dovecot.sh start DIR PORT USER PASSWORD [POP3_PORT]   writes DIR/dovecot.conf, starts it, waits until
#                                             it listens; with POP3_PORT, POP3 too (needs dovecot-pop3d)
#   dovecot.sh stop DIR                       stops it (the temp dir is the caller's to remove)
# Runs as the current user; as root the mail processes run as 'nobody' (Dovecot refuses mail access
# with uid 0) and the login processes as Debian's dovenull. Needs /usr/sbin/dovecot (Debian: apt-get install dovecot-imapd).
set -euo pipefail

DOVECOT=${DOVECOT:-/usr/sbin/dovecot}

start() {
  local dir=$1 port=$2 user=$3 password=$4 pop3_port=${5:-}
  local mail_user mail_group process_users protocols=imap pop3_service=''
  if [ -n "$pop3_port" ]; then
    protocols='imap pop3'
    pop3_service="service pop3-login {
  chroot =
  inet_listener pop3 {
    address = 127.0.0.1
    port = $pop3_port
  }
  inet_listener pop3s {
    port = 0
  }
}"
  fi
  if [ "$(id -u)" = 0 ]; then
    # Root: Debian's own unprivileged users (made by the package) for login and internal processes.
    mail_user=nobody
    mail_group=nogroup
    process_users=''
    chmod 755 "$dir"
  else
    mail_user=$(id -un)
    mail_group=$(id -gn)
    process_users="default_internal_user = $mail_user
default_internal_group = $mail_group
default_login_user = $mail_user"
  fi
  mkdir -p "$dir/run" "$dir/state" "$dir/home/$user"
  chown -R "$mail_user:$mail_group" "$dir/home"
  printf '%s:{PLAIN}%s::::::\n' "$user" "$password" >"$dir/users"
  cat >"$dir/dovecot.conf" <<CONF
protocols = $protocols
listen = 127.0.0.1
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
first_valid_uid = 1
$process_users
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $dir/users
  default_fields = uid=$mail_user gid=$mail_group home=$dir/home/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
$pop3_service
service anvil {
  chroot =
}
service stats {
  chroot =
}
CONF
  # The master daemonizes; its inherited stdio would keep the caller's pipes open, so they go to a file.
  if ! "$DOVECOT" -c "$dir/dovecot.conf" </dev/null >"$dir/startup.log" 2>&1; then
    cat "$dir/startup.log" >&2
    return 1
  fi
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null &&
      { [ -z "$pop3_port" ] || (exec 3<>"/dev/tcp/127.0.0.1/$pop3_port") 2>/dev/null; }; then
      return 0
    fi
    sleep 0.05
  done
  echo "dovecot did not listen on 127.0.0.1:$port; its log:" >&2
  cat "$dir/dovecot.log" >&2 || true
  return 1
}

stop() {
  local dir=$1
  [ -f "$dir/dovecot.conf" ] || return 0
  "$DOVECOT" -c "$dir/dovecot.conf" stop 2>/dev/null || true
  # 'stop' only signals the master; wait for it to go so the port and files are free.
  local pid_file="$dir/run/master.pid"
  for _ in $(seq 1 100); do
    [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null || return 0
    sleep 0.05
  done
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: dovecot.sh start DIR PORT USER PASSWORD [POP3_PORT] | stop DIR" >&2; exit 2 ;;
esac
