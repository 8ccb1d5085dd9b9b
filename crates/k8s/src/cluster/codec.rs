//! How objects are stored as etcd values: fields joined by the ASCII unit separator
//! (U+001F), a type tag first. A hand-written format rather than serde's JSON because
//! the page ships this decoder to the browser and derive-generated deserializers for
//! every object cost tens of kilobytes there. Strings lose any U+001F they contained.

use super::objects::{ConfigMap, Deployment, NodeObj, NodeRole, Obj, Pod, PodPhase, ReplicaSet};
use crate::leader_election::LeaseSpec;

const SEP: char = '\u{1f}';

/// A value being written.
struct Writer(String);

impl Writer {
    fn new(tag: &str) -> Self {
        Self(tag.to_string())
    }

    fn s(mut self, v: &str) -> Self {
        self.0.push(SEP);
        self.0.extend(v.chars().filter(|&c| c != SEP));
        self
    }

    fn n(self, v: u64) -> Self {
        self.s(&v.to_string())
    }
}

/// A value being read, field by field.
struct Reader<'a>(std::str::Split<'a, char>);

impl Reader<'_> {
    fn s(&mut self) -> Option<String> {
        self.0.next().map(str::to_string)
    }

    fn n<T: std::str::FromStr>(&mut self) -> Option<T> {
        self.0.next()?.parse().ok()
    }

    /// An empty field is `None`.
    fn opt(&mut self) -> Option<Option<String>> {
        self.s().map(|s| (!s.is_empty()).then_some(s))
    }
}

/// The etcd value of an object.
pub fn encode(obj: &Obj) -> String {
    let w = match obj {
        Obj::Node(n) => Writer::new("node")
            .s(&n.name)
            .s(match n.role {
                NodeRole::ControlPlane => "control-plane",
                NodeRole::Worker => "worker",
            })
            .n(n.created_us)
            .n(n.last_heartbeat_us)
            .n(u64::from(n.ready)),
        Obj::Pod(p) => Writer::new("pod")
            .s(&p.namespace)
            .s(&p.name)
            .s(&p.image)
            .s(p.owner.as_deref().unwrap_or(""))
            .s(p.node.as_deref().unwrap_or(""))
            .s(match p.phase {
                PodPhase::Pending => "Pending",
                PodPhase::Running => "Running",
            })
            .n(p.created_us),
        Obj::Deployment(d) => Writer::new("deployment")
            .s(&d.namespace)
            .s(&d.name)
            .s(&d.image)
            .n(u64::from(d.replicas))
            .n(d.created_us),
        Obj::ReplicaSet(r) => Writer::new("replicaset")
            .s(&r.namespace)
            .s(&r.name)
            .s(&r.deployment)
            .s(&r.image)
            .n(u64::from(r.replicas))
            .n(r.created_us),
        Obj::ConfigMap(c) => c.data.iter().fold(
            Writer::new("configmap")
                .s(&c.namespace)
                .s(&c.name)
                .n(c.created_us),
            |w, (k, v)| w.s(k).s(v),
        ),
    };
    w.0
}

/// The object an etcd value holds, if it is one.
pub fn decode(value: &str) -> Option<Obj> {
    let mut r = Reader(value.split(SEP));
    let obj = match r.s()?.as_str() {
        "node" => Obj::Node(NodeObj {
            name: r.s()?,
            role: match r.s()?.as_str() {
                "control-plane" => NodeRole::ControlPlane,
                _ => NodeRole::Worker,
            },
            created_us: r.n()?,
            last_heartbeat_us: r.n()?,
            ready: r.n::<u8>()? != 0,
        }),
        "pod" => Obj::Pod(Pod {
            namespace: r.s()?,
            name: r.s()?,
            image: r.s()?,
            owner: r.opt()?,
            node: r.opt()?,
            phase: match r.s()?.as_str() {
                "Running" => PodPhase::Running,
                _ => PodPhase::Pending,
            },
            created_us: r.n()?,
        }),
        "deployment" => Obj::Deployment(Deployment {
            namespace: r.s()?,
            name: r.s()?,
            image: r.s()?,
            replicas: r.n()?,
            created_us: r.n()?,
        }),
        "replicaset" => Obj::ReplicaSet(ReplicaSet {
            namespace: r.s()?,
            name: r.s()?,
            deployment: r.s()?,
            image: r.s()?,
            replicas: r.n()?,
            created_us: r.n()?,
        }),
        "configmap" => {
            let (namespace, name, created_us) = (r.s()?, r.s()?, r.n()?);
            let mut data = litemap::LiteMap::new();
            while let (Some(k), Some(v)) = (r.s(), r.s()) {
                data.insert(k, v);
            }
            Obj::ConfigMap(ConfigMap {
                namespace,
                name,
                data,
                created_us,
            })
        }
        _ => return None,
    };
    Some(obj)
}

/// A Lease's etcd value: its creation time and spec (key and resourceVersion come
/// from the key-value pair).
pub fn encode_lease(creation_time_us: u64, spec: &LeaseSpec) -> String {
    Writer::new("lease")
        .n(creation_time_us)
        .s(&spec.holder_identity)
        .n(u64::from(spec.lease_duration_seconds))
        .n(spec.acquire_time_us)
        .n(spec.renew_time_us)
        .n(u64::from(spec.lease_transitions))
        .0
}

pub fn decode_lease(value: &str) -> Option<(u64, LeaseSpec)> {
    let mut r = Reader(value.split(SEP));
    if r.s()? != "lease" {
        return None;
    }
    let created = r.n()?;
    let spec = LeaseSpec {
        holder_identity: r.s()?,
        lease_duration_seconds: r.n()?,
        acquire_time_us: r.n()?,
        renew_time_us: r.n()?,
        lease_transitions: r.n()?,
    };
    Some((created, spec))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_object_round_trips() {
        let objs = vec![
            Obj::Node(NodeObj {
                name: "node01".into(),
                role: NodeRole::Worker,
                created_us: 1,
                last_heartbeat_us: 2,
                ready: true,
            }),
            Obj::Pod(Pod {
                namespace: "default".into(),
                name: "web-abc".into(),
                image: "nginx:1.27".into(),
                owner: Some("web-x".into()),
                node: None,
                phase: PodPhase::Running,
                created_us: 3,
            }),
            Obj::Deployment(Deployment {
                namespace: "default".into(),
                name: "web".into(),
                image: "nginx".into(),
                replicas: 2,
                created_us: 0,
            }),
            Obj::ReplicaSet(ReplicaSet {
                namespace: "ns".into(),
                name: "web-1".into(),
                deployment: "web".into(),
                image: "nginx".into(),
                replicas: 7,
                created_us: 9,
            }),
            Obj::ConfigMap(ConfigMap {
                namespace: "default".into(),
                name: "cfg".into(),
                data: [
                    ("a".to_string(), "x y".to_string()),
                    ("b".into(), "".into()),
                ]
                .into_iter()
                .collect(),
                created_us: 4,
            }),
        ];
        for obj in objs {
            assert_eq!(decode(&encode(&obj)), Some(obj));
        }
        let spec = LeaseSpec {
            holder_identity: "controlplane-1_x".into(),
            lease_duration_seconds: 15,
            acquire_time_us: 5,
            renew_time_us: 6,
            lease_transitions: 2,
        };
        assert_eq!(decode_lease(&encode_lease(8, &spec)), Some((8, spec)));
    }

    #[test]
    fn garbage_is_not_an_object() {
        for junk in [
            "",
            "pod",
            "node\u{1f}n\u{1f}worker\u{1f}x",
            "lease\u{1f}1",
            "{}",
        ] {
            assert_eq!(decode(junk), None, "{junk:?}");
            assert_eq!(decode_lease(junk), None, "{junk:?}");
        }
        // The separator cannot be smuggled into a field.
        let tricky = Obj::Deployment(Deployment {
            namespace: "default".into(),
            name: "web".into(),
            image: "ng\u{1f}inx".into(),
            replicas: 1,
            created_us: 0,
        });
        let Some(Obj::Deployment(d)) = decode(&encode(&tricky)) else {
            panic!("decodes");
        };
        assert_eq!(d.image, "nginx");
    }
}
