//! Transcript tests (output formats): etcdctl 3.3's `-o simple|extended|json`
//! (ctlv2/command/format.go), `updatedir`, and etcdctl 3.5's `-w fields`
//! (ctlv3/command/printer_fields.go) and the commands added with them.

mod common;
use common::*;

#[test]
fn v2_output_formats() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl set /a 1
etcdctl -o extended get /a
etcdctl -o json get /a
etcdctl -o extended set /a 2
etcdctl --output=json set /a 3
etcdctl -o json mk /b 1
etcdctl -o extended update /b 2
etcdctl -o extended rm /a
etcdctl -o json rm /b
etcdctl -o json set --ttl 10 /t x
sleep 3
etcdctl -o extended get /t
etcdctl -o json get /t
etcdctl -o yaml get /t
etcdctl -o json mkdir /d
etcdctl -o json rm --dir /d
etcdctl -o extended ls
"#,
        r#"
controlplane-1 $ etcdctl set /a 1
1
controlplane-1 $ etcdctl -o extended get /a
Key: /a
Created-Index: 8
Modified-Index: 8
TTL: 0
Index: 8

1
controlplane-1 $ etcdctl -o json get /a
{"action":"get","node":{"key":"/a","value":"1","nodes":null,"createdIndex":8,"modifiedIndex":8},"prevNode":null}
controlplane-1 $ etcdctl -o extended set /a 2
Key: /a
Created-Index: 9
Modified-Index: 9
PrevNode.Value: 1
TTL: 0
Index: 9

2
controlplane-1 $ etcdctl --output=json set /a 3
{"action":"set","node":{"key":"/a","value":"3","nodes":null,"createdIndex":10,"modifiedIndex":10},"prevNode":{"key":"/a","value":"2","nodes":null,"createdIndex":9,"modifiedIndex":9}}
controlplane-1 $ etcdctl -o json mk /b 1
{"action":"create","node":{"key":"/b","value":"1","nodes":null,"createdIndex":11,"modifiedIndex":11},"prevNode":null}
controlplane-1 $ etcdctl -o extended update /b 2
Key: /b
Created-Index: 11
Modified-Index: 12
PrevNode.Value: 1
TTL: 0
Index: 12

2
controlplane-1 $ etcdctl -o extended rm /a
Key: /a
Created-Index: 10
Modified-Index: 13
PrevNode.Value: 3
TTL: 0
Index: 13
controlplane-1 $ etcdctl -o json rm /b
{"action":"delete","node":{"key":"/b","value":"","nodes":null,"createdIndex":11,"modifiedIndex":14},"prevNode":{"key":"/b","value":"2","nodes":null,"createdIndex":11,"modifiedIndex":12}}
controlplane-1 $ etcdctl -o json set --ttl 10 /t x
{"action":"set","node":{"key":"/t","value":"x","nodes":null,"createdIndex":15,"modifiedIndex":15,"expiration":"2018-07-24T00:00:10.0144Z","ttl":10},"prevNode":null}
controlplane-1 $ sleep 3
controlplane-1 $ etcdctl -o extended get /t
Key: /t
Created-Index: 15
Modified-Index: 15
TTL: 7
Index: 15

x
controlplane-1 $ etcdctl -o json get /t
{"action":"get","node":{"key":"/t","value":"x","nodes":null,"createdIndex":15,"modifiedIndex":15,"expiration":"2018-07-24T00:00:10.0144Z","ttl":7},"prevNode":null}
controlplane-1 $ etcdctl -o yaml get /t
2> Unsupported output format: yaml
controlplane-1 $ etcdctl -o json mkdir /d
controlplane-1 $ etcdctl -o json rm --dir /d
controlplane-1 $ etcdctl -o extended ls
/t
"#,
    );
}

/// `updatedir` is a `PUT dir=true&prevExist=true`: the store's Update with an empty value.
#[test]
fn v2_updatedir() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl mkdir --ttl 3 /d
etcdctl set /d/f x
etcdctl updatedir --ttl 10 /d
sleep 5
etcdctl ls /d
etcdctl updatedir /d
sleep 10
etcdctl ls
etcdctl updatedir /missing
etcdctl updatedir
etcdctl updatedir --bogus /d
etcdctl updatedir /d/f
etcdctl get /d/f
etcdctl setdir /d
etcdctl setdir /e
etcdctl -o json update /d ""
etcdctl update /d v
"#,
        r#"
controlplane-1 $ etcdctl mkdir --ttl 3 /d
controlplane-1 $ etcdctl set /d/f x
x
controlplane-1 $ etcdctl updatedir --ttl 10 /d
controlplane-1 $ sleep 5
controlplane-1 $ etcdctl ls /d
/d/f
controlplane-1 $ etcdctl updatedir /d
controlplane-1 $ sleep 10
controlplane-1 $ etcdctl ls
/d
controlplane-1 $ etcdctl updatedir /missing
2> Error:  100: Key not found (/missing) [11]
[exit 4]
controlplane-1 $ etcdctl updatedir
2> Error:  key required
[exit 1]
controlplane-1 $ etcdctl updatedir --bogus /d
Incorrect Usage: flag provided but not defined: -bogus

2> flag provided but not defined: -bogus
[exit 1]
controlplane-1 $ etcdctl updatedir /d/f
controlplane-1 $ etcdctl get /d/f

controlplane-1 $ etcdctl setdir /d
2> Error:  102: Not a file (/d) [12]
[exit 4]
controlplane-1 $ etcdctl setdir /e
controlplane-1 $ etcdctl -o json update /d ""
{"action":"update","node":{"key":"/d","dir":true,"value":"","nodes":null,"createdIndex":8,"modifiedIndex":14},"prevNode":{"key":"/d","dir":true,"value":"","nodes":null,"createdIndex":8,"modifiedIndex":11}}
controlplane-1 $ etcdctl update /d v
2> Error:  102: Not a file (/d) [14]
[exit 4]
"#,
    );
}
