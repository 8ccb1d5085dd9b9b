//! Transcript tests (errors): terminal input -> exact terminal output. Generated from the engine, then reviewed line by line against etcd/etcdctl/bash behaviour.

mod common;
use common::*;

#[test]
fn unknown_commands_and_abbreviations() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl gett
etcdctl frobnicate
etcdctl ver
etcdctl l gr 10
etcdctl le gr 10
etcdctl mem li
etcdctl e s
etcdctl snapshot restore x.db
etcdctl -w yaml get a
etcdctl put
etcdctl del
etcdctl txn extra
etcdctl get
etcdctl get a b --prefix
etcdctl get k --consistency=x
etcdctl get k --order=UP
etcdctl get k --count-only
etcdctl get k --keys-only --count-only
etcdctl get k --print-value-only -w json
etcdctl --command-timeout=abc get k
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl gett
2> Error: unknown command "gett" for "etcdctl"
2> 
2> Did you mean this?
2> 	get
2> 
2> Run 'etcdctl --help' for usage.
[exit 1]
controlplane-1 $ etcdctl frobnicate
2> Error: unknown command "frobnicate" for "etcdctl"
2> Run 'etcdctl --help' for usage.
[exit 1]
controlplane-1 $ etcdctl ver
etcdctl version: 3.5.9
API version: 3.5
controlplane-1 $ etcdctl l gr 10
2> Error: unknown command "l" for "etcdctl"
2> 
2> Did you mean this?
2> 	del
2> 	lease
2> 	lock
2> 
2> Run 'etcdctl --help' for usage.
[exit 1]
controlplane-1 $ etcdctl le gr 10
lease 5a3f75087e35752e granted with TTL(10s)
controlplane-1 $ etcdctl mem li
2c0e0fedbe2218a8, started, controlplane-2, https://10.240.0.11:2380, https://10.240.0.11:2379, false
89242d2dd9d4a40d, started, controlplane-3, https://10.240.0.12:2380, https://10.240.0.12:2379, false
eaeb7f27b54e2401, started, controlplane-1, https://10.240.0.10:2380, https://10.240.0.10:2379, false
controlplane-1 $ etcdctl e s
2> Error: unknown command "e" for "etcdctl"
2> 
2> Did you mean this?
2> 	del
2> 	elect
2> 	endpoint
2> 	get
2> 
2> Run 'etcdctl --help' for usage.
[exit 1]
controlplane-1 $ etcdctl snapshot restore x.db
2> Error: this command is not available in the simulated cluster
[exit 1]
controlplane-1 $ etcdctl -w yaml get a
2> Error: unsupported output format
[exit 4]
controlplane-1 $ etcdctl put
2> Error: put command needs 1 argument and input from stdin or 2 arguments
[exit 128]
controlplane-1 $ etcdctl del
2> Error: del command needs one argument as key and an optional argument as range_end
[exit 128]
controlplane-1 $ etcdctl txn extra
2> Error: txn command does not accept argument
[exit 128]
controlplane-1 $ etcdctl get
2> Error: get command needs one argument as key and an optional argument as range_end
[exit 128]
controlplane-1 $ etcdctl get a b --prefix
2> Error: too many arguments, only accept one argument when `--prefix` or `--from-key` is set
[exit 128]
controlplane-1 $ etcdctl get k --consistency=x
2> Error: unknown consistency flag "x"
[exit 4]
controlplane-1 $ etcdctl get k --order=UP
2> Error: bad sort order UP
[exit 4]
controlplane-1 $ etcdctl get k --count-only
2> Error: --count-only is only for `--write-out=fields`
[exit 128]
controlplane-1 $ etcdctl get k --keys-only --count-only
2> Error: `--keys-only` and `--count-only` cannot be set at the same time, choose one
[exit 128]
controlplane-1 $ etcdctl get k --print-value-only -w json
2> Error: print-value-only is only for `--write-out=simple`
[exit 128]
controlplane-1 $ etcdctl --command-timeout=abc get k
2> Error: invalid argument "abc" for "--command-timeout" flag: time: invalid duration "abc"
2> NAME:
2> 	get - Gets the key or a range of keys
2> 
2> USAGE:
2> 	etcdctl get [options] <key> [range_end] [flags]
2> 
2> OPTIONS:
2>       --consistency="l"			Linearizable(l) or Serializable(s)
2>       --count-only[=false]		Get only the count
2>       --from-key[=false]		Get keys that are greater than or equal to the given key using byte compare
2>   -h, --help[=false]			help for get
2>       --keys-only[=false]		Get only the keys
2>       --limit=0				Maximum number of results
2>       --order=""			Order of results; ASCEND or DESCEND (ASCEND by default)
2>       --prefix[=false]			Get keys with matching prefix
2>       --print-value-only[=false]	Only write values when using the "simple" output format
2>       --rev=0				Specify the kv revision
2>       --sort-by=""			Sort target; CREATE, KEY, MODIFY, VALUE, or VERSION
2> 
2> GLOBAL OPTIONS:
2>       --cacert=""				verify certificates of TLS-enabled secure servers using this CA bundle
2>       --cert=""					identify secure client using this TLS certificate file
2>       --command-timeout=5s			timeout for short running command (excluding dial timeout)
2>       --debug[=false]				enable client-side debug logging
2>       --dial-timeout=2s				dial timeout for client connections
2>   -d, --discovery-srv=""			domain name to query for SRV records describing cluster endpoints
2>       --discovery-srv-name=""			service name to query when using DNS discovery
2>       --endpoints=[127.0.0.1:2379]		gRPC endpoints
2>       --hex[=false]				print byte strings as hex encoded strings
2>       --insecure-discovery[=true]		accept insecure SRV records describing cluster endpoints
2>       --insecure-skip-tls-verify[=false]	skip server certificate verification (CAUTION: this option should be enabled only for testing purposes)
2>       --insecure-transport[=true]		disable transport security for client connections
2>       --keepalive-time=2s			keepalive time for client connections
2>       --keepalive-timeout=6s			keepalive timeout for client connections
2>       --key=""					identify secure client using this TLS key file
2>       --password=""				password for authentication (if this option is used, --user option shouldn't include password)
2>       --user=""					username[:password] for authentication (prompt if password is not supplied)
2>   -w, --write-out="simple"			set the output format (fields, json, protobuf, simple, table)
[exit 1]
"#,
    );
}

#[test]
fn bad_flags_print_cobra_errors() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put --foo k v
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put --foo k v
2> Error: unknown flag: --foo
2> NAME:
2> 	put - Puts the given key into the store
2> 
2> USAGE:
2> 	etcdctl put [options] <key> <value> (<value> can also be given from stdin) [flags]
2> 
2> OPTIONS:
2>   -h, --help[=false]		help for put
2>       --ignore-lease[=false]	updates the key using its current lease
2>       --ignore-value[=false]	updates the key using its current value
2>       --lease="0"		lease ID (in hexadecimal) to attach to the key
2>       --prev-kv[=false]		return the previous key-value pair before modification
2> 
2> GLOBAL OPTIONS:
2>       --cacert=""				verify certificates of TLS-enabled secure servers using this CA bundle
2>       --cert=""					identify secure client using this TLS certificate file
2>       --command-timeout=5s			timeout for short running command (excluding dial timeout)
2>       --debug[=false]				enable client-side debug logging
2>       --dial-timeout=2s				dial timeout for client connections
2>   -d, --discovery-srv=""			domain name to query for SRV records describing cluster endpoints
2>       --discovery-srv-name=""			service name to query when using DNS discovery
2>       --endpoints=[127.0.0.1:2379]		gRPC endpoints
2>       --hex[=false]				print byte strings as hex encoded strings
2>       --insecure-discovery[=true]		accept insecure SRV records describing cluster endpoints
2>       --insecure-skip-tls-verify[=false]	skip server certificate verification (CAUTION: this option should be enabled only for testing purposes)
2>       --insecure-transport[=true]		disable transport security for client connections
2>       --keepalive-time=2s			keepalive time for client connections
2>       --keepalive-timeout=6s			keepalive timeout for client connections
2>       --key=""					identify secure client using this TLS key file
2>       --password=""				password for authentication (if this option is used, --user option shouldn't include password)
2>       --user=""					username[:password] for authentication (prompt if password is not supplied)
2>   -w, --write-out="simple"			set the output format (fields, json, protobuf, simple, table)
[exit 1]
"#,
    );
}

#[test]
fn flag_value_errors() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl get --limit abc x
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl get --limit abc x
2> Error: invalid argument "abc" for "--limit" flag: strconv.ParseInt: parsing "abc": invalid syntax
2> NAME:
2> 	get - Gets the key or a range of keys
2> 
2> USAGE:
2> 	etcdctl get [options] <key> [range_end] [flags]
2> 
2> OPTIONS:
2>       --consistency="l"			Linearizable(l) or Serializable(s)
2>       --count-only[=false]		Get only the count
2>       --from-key[=false]		Get keys that are greater than or equal to the given key using byte compare
2>   -h, --help[=false]			help for get
2>       --keys-only[=false]		Get only the keys
2>       --limit=0				Maximum number of results
2>       --order=""			Order of results; ASCEND or DESCEND (ASCEND by default)
2>       --prefix[=false]			Get keys with matching prefix
2>       --print-value-only[=false]	Only write values when using the "simple" output format
2>       --rev=0				Specify the kv revision
2>       --sort-by=""			Sort target; CREATE, KEY, MODIFY, VALUE, or VERSION
2> 
2> GLOBAL OPTIONS:
2>       --cacert=""				verify certificates of TLS-enabled secure servers using this CA bundle
2>       --cert=""					identify secure client using this TLS certificate file
2>       --command-timeout=5s			timeout for short running command (excluding dial timeout)
2>       --debug[=false]				enable client-side debug logging
2>       --dial-timeout=2s				dial timeout for client connections
2>   -d, --discovery-srv=""			domain name to query for SRV records describing cluster endpoints
2>       --discovery-srv-name=""			service name to query when using DNS discovery
2>       --endpoints=[127.0.0.1:2379]		gRPC endpoints
2>       --hex[=false]				print byte strings as hex encoded strings
2>       --insecure-discovery[=true]		accept insecure SRV records describing cluster endpoints
2>       --insecure-skip-tls-verify[=false]	skip server certificate verification (CAUTION: this option should be enabled only for testing purposes)
2>       --insecure-transport[=true]		disable transport security for client connections
2>       --keepalive-time=2s			keepalive time for client connections
2>       --keepalive-timeout=6s			keepalive timeout for client connections
2>       --key=""					identify secure client using this TLS key file
2>       --password=""				password for authentication (if this option is used, --user option shouldn't include password)
2>       --user=""					username[:password] for authentication (prompt if password is not supplied)
2>   -w, --write-out="simple"			set the output format (fields, json, protobuf, simple, table)
[exit 1]
"#,
    );
}

#[test]
fn bash_errors() {
    let mut t = term();
    check(
        &mut t,
        r#"
foo
./foo
echo 'unterminated
echo "a" 'b' c\ d $HOME ${NOPE}x $?
false || echo fallback && echo chained
| bad
echo ok;
cat <<EOF
line $USER
EOF
export 1A=2
sleep abc
history
clear
"#,
        r#"
controlplane-1 $ foo
2> bash: foo: command not found
[exit 127]
controlplane-1 $ ./foo
2> bash: ./foo: No such file or directory
[exit 127]
controlplane-1 $ echo 'unterminated
2> bash: unexpected EOF while looking for matching `''
2> bash: syntax error: unexpected end of file
[exit 2]
controlplane-1 $ echo "a" 'b' c\ d $HOME ${NOPE}x $?
a b c d /home/student x 2
controlplane-1 $ false || echo fallback && echo chained
fallback
chained
controlplane-1 $ | bad
2> bash: syntax error near unexpected token `|'
[exit 2]
controlplane-1 $ echo ok;
ok
controlplane-1 $ cat <<EOF
> line $USER
> EOF
line student
controlplane-1 $ export 1A=2
2> bash: export: `1A=2': not a valid identifier
[exit 1]
controlplane-1 $ sleep abc
2> sleep: invalid time interval ‘abc’
2> Try 'sleep --help' for more information.
[exit 1]
controlplane-1 $ history
    1  foo
    2  ./foo
    3  echo 'unterminated
    4  echo "a" 'b' c\ d $HOME ${NOPE}x $?
    5  false || echo fallback && echo chained
    6  | bad
    7  echo ok;
    8  cat <<EOF
    9  export 1A=2
   10  sleep abc
   11  history
controlplane-1 $ clear
"#,
    );
}
