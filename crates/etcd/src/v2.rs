//! The v2 key space of etcd 3.3: a tree of directories and files with an "etcd index" that
//! counts every change. Separate from the v3 MVCC store, as in real etcd.

use litemap::LiteMap;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct V2Node {
    pub key: String,
    pub dir: bool,
    pub value: String,
    pub created_index: u64,
    pub modified_index: u64,
    /// Seconds to live, 0 = forever.
    pub ttl: i64,
    pub expiration_us: Option<i64>,
}

/// etcd v2 error codes (`etcd/error` package) with their exact messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum V2ErrorCode {
    KeyNotFound = 100,
    TestFailed = 101,
    NotFile = 102,
    NotDir = 104,
    NodeExist = 105,
    RootReadOnly = 107,
    DirNotEmpty = 108,
    EventIndexCleared = 401,
}

impl V2ErrorCode {
    pub fn message(self) -> &'static str {
        match self {
            V2ErrorCode::KeyNotFound => "Key not found",
            V2ErrorCode::TestFailed => "Compare failed",
            V2ErrorCode::NotFile => "Not a file",
            V2ErrorCode::NotDir => "Not a directory",
            V2ErrorCode::NodeExist => "Key already exists",
            V2ErrorCode::RootReadOnly => "Root is read only",
            V2ErrorCode::DirNotEmpty => "Directory not empty",
            V2ErrorCode::EventIndexCleared => {
                "The event in requested index is outdated and cleared"
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct V2Error {
    pub code: V2ErrorCode,
    pub cause: String,
    pub index: u64,
}

impl std::fmt::Display for V2Error {
    /// The v2 client's format: `100: Key not found (/foo) [5]`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} ({}) [{}]",
            self.code as u16,
            self.code.message(),
            self.cause,
            self.index
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum V2Request {
    /// `set` (or `setdir` when `dir`): create or replace.
    Set {
        key: String,
        value: String,
        ttl: i64,
        dir: bool,
    },
    /// `mk` / `mkdir`: create, fail if present.
    Create {
        key: String,
        value: String,
        ttl: i64,
        dir: bool,
    },
    /// `update`: replace an existing file.
    Update {
        key: String,
        value: String,
        ttl: i64,
    },
    /// `rm` (`dir` for `rmdir`/`rm --dir`, `recursive` for `rm -r`).
    Delete {
        key: String,
        dir: bool,
        recursive: bool,
    },
    /// `get` / `ls`.
    Get { key: String, recursive: bool },
    /// `set --swap-with-value/--swap-with-index`: replace a file only if its value and/or
    /// modified index match (an empty value or index 0 is not compared). Variants are only
    /// ever appended: recorded runs hold these requests encoded by position.
    CompareAndSwap {
        key: String,
        value: String,
        ttl: i64,
        prev_value: String,
        prev_index: u64,
    },
    /// `rm --with-value/--with-index`: delete a file only if it matches.
    CompareAndDelete {
        key: String,
        prev_value: String,
        prev_index: u64,
    },
    /// `mk --in-order` (a POST): create a file under the directory `key`, named after the
    /// etcd index it gets, zero-padded to 20 digits so that names sort in creation order.
    CreateInOrder {
        key: String,
        value: String,
        ttl: i64,
    },
    /// A watcher (`GET ?wait=true&waitIndex=since`): the first change at index `since` or
    /// later to `key` (or, `recursive`, under it). Served from the member's own store,
    /// never replicated or recorded, so never encoded.
    #[serde(skip)]
    Watch {
        key: String,
        recursive: bool,
        since: u64,
    },
}

impl V2Request {
    pub fn is_read(&self) -> bool {
        matches!(self, V2Request::Get { .. } | V2Request::Watch { .. })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct V2Response {
    pub action: String,
    pub node: V2Node,
    pub prev_node: Option<V2Node>,
    /// For `get` of a directory: its children (all descendants when recursive), key order.
    pub children: Vec<V2Node>,
    pub index: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct V2Store {
    index: u64,
    /// Every node but the root, in key order (a sorted `Vec`: see `sorted.rs`).
    #[serde(with = "quorum_raft::lite::map_serde")]
    nodes: LiteMap<String, V2Node>,
    /// The last changes, oldest first (etcd's EventHistory keeps 1000), for watchers. Not
    /// in snapshots: a member restored from one starts with an empty history.
    #[serde(skip)]
    events: Vec<V2Response>,
}

/// `path.Clean("/" + key)`: v2 keys are absolute, slashes collapsed, no trailing slash.
pub fn clean_path(key: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for p in key.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

fn parent_of(path: &str) -> Option<String> {
    if path == "/" {
        return None;
    }
    let i = path.rfind('/')?;
    Some(if i == 0 { "/".into() } else { path[..i].into() })
}

impl V2Store {
    /// `initial_index` is the etcd index of a fresh cluster (membership writes come first).
    pub fn new(initial_index: u64) -> Self {
        V2Store {
            index: initial_index,
            nodes: LiteMap::new(),
            events: Vec::new(),
        }
    }

    pub fn index(&self) -> u64 {
        self.index
    }

    fn err(&self, code: V2ErrorCode, cause: &str) -> V2Error {
        V2Error {
            code,
            cause: cause.to_string(),
            index: self.index,
        }
    }

    /// Drops nodes whose TTL ran out, earliest expiration first as etcd's TTL heap pops
    /// them; each expiry is a change and takes an index, and a directory takes its
    /// descendants with it (a descendant that expired earlier took an index of its own).
    pub fn expire(&mut self, now_us: i64) {
        let mut dead: Vec<(i64, String)> = self
            .nodes
            .values()
            .filter_map(|n| {
                n.expiration_us
                    .filter(|&e| e <= now_us)
                    .map(|e| (e, n.key.clone()))
            })
            .collect();
        // The small insertion sort: std's sort costs the page ≈3 KB of wasm per element type.
        quorum_raft::lite::sort_small_by(&mut dead, |a, b| a < b);
        for (_, k) in dead {
            if let Some(prev) = self.nodes.get(&k).cloned() {
                self.remove_tree(&k);
                self.index = self.index.saturating_add(1);
                let node = V2Node {
                    value: String::new(),
                    modified_index: self.index,
                    expiration_us: None,
                    ..prev.clone()
                };
                self.record(V2Response {
                    action: "expire".into(),
                    node,
                    prev_node: Some(prev),
                    children: Vec::new(),
                    index: self.index,
                });
            }
        }
    }

    fn record(&mut self, e: V2Response) {
        if self.events.len() >= 1000 {
            self.events.remove(0);
        }
        self.events.push(e);
    }

    /// The watcher hub's look into the history; `Err` (carrying the current index) while
    /// no change matches yet.
    /// A watch from before the oldest change kept fails as etcd's `EventHistory.scan` does.
    fn watch(&self, key: &str, recursive: bool, since: u64) -> Result<V2Response, V2Error> {
        if let Some(oldest) = self.events.first().filter(|e| since < e.index) {
            let why = format!(
                "the requested history has been cleared [{}/{since}]",
                oldest.index
            );
            return Err(self.err(V2ErrorCode::EventIndexCleared, &why));
        }
        let path = clean_path(key);
        let under = format!("{}/", path.trim_end_matches('/'));
        self.events
            .iter()
            .find(|e| {
                e.index >= since
                    && (e.node.key == path || recursive && e.node.key.starts_with(&under))
            })
            .cloned()
            .ok_or_else(|| self.err(V2ErrorCode::KeyNotFound, &path))
    }

    fn remove_tree(&mut self, key: &str) {
        let prefix = format!("{key}/");
        self.nodes
            .retain(|k, _| k != key && !k.starts_with(&prefix));
    }

    pub fn apply(&mut self, req: &V2Request, now_us: i64) -> Result<V2Response, V2Error> {
        self.expire(now_us);
        let r = self.change(req, now_us);
        match &r {
            Ok(e) if !req.is_read() => self.record(e.clone()),
            _ => {}
        }
        r
    }

    fn change(&mut self, req: &V2Request, now_us: i64) -> Result<V2Response, V2Error> {
        match req {
            V2Request::Watch {
                key,
                recursive,
                since,
            } => self.watch(key, *recursive, *since),
            V2Request::Get { key, recursive } => self.get(key, *recursive),
            V2Request::Set {
                key,
                value,
                ttl,
                dir,
            } => self.write(key, value, *ttl, *dir, now_us, Mode::Set),
            V2Request::Create {
                key,
                value,
                ttl,
                dir,
            } => self.write(key, value, *ttl, *dir, now_us, Mode::Create),
            V2Request::Update { key, value, ttl } => {
                self.write(key, value, *ttl, false, now_us, Mode::Update)
            }
            V2Request::Delete {
                key,
                dir,
                recursive,
            } => self.delete(key, *dir || *recursive, *recursive),
            V2Request::CompareAndSwap {
                key,
                value,
                ttl,
                prev_value,
                prev_index,
            } => {
                self.compare(key, prev_value, *prev_index, true)?;
                let mut r = self.write(key, value, *ttl, false, now_us, Mode::Update)?;
                r.action = "compareAndSwap".into();
                Ok(r)
            }
            V2Request::CompareAndDelete {
                key,
                prev_value,
                prev_index,
            } => {
                self.compare(key, prev_value, *prev_index, false)?;
                let mut r = self.delete(key, false, false)?;
                r.action = "compareAndDelete".into();
                Ok(r)
            }
            V2Request::CreateInOrder { key, value, ttl } => {
                let next = self.index.saturating_add(1);
                let key = format!("{}/{next:020}", clean_path(key));
                self.write(&key, value, *ttl, false, now_us, Mode::Create)
            }
        }
    }

    /// The store's `Compare`: the key must be a file whose value and modified index match
    /// what is given (`prev_value` "" and `prev_index` 0 match anything). The failure's
    /// cause is etcd's `getCompareFailCause`, e.g. `[1 != 3]`. Compare-and-swap refuses the
    /// root first; compare-and-delete has no such check and finds the root a directory whose
    /// key, once the v2 API strips the store's `/1` prefix, is empty.
    fn compare(
        &self,
        key: &str,
        prev_value: &str,
        prev_index: u64,
        swap: bool,
    ) -> Result<(), V2Error> {
        let path = clean_path(key);
        if swap && path == "/" {
            return Err(self.err(V2ErrorCode::RootReadOnly, "/"));
        }
        let node = match self.lookup(&path)? {
            Some(n) if !n.dir => n,
            n => return Err(self.err(V2ErrorCode::NotFile, n.map_or("", |n| &n.key))),
        };
        let value_ok = prev_value.is_empty() || node.value == prev_value;
        let index_ok = prev_index == 0 || node.modified_index == prev_index;
        let value_cause = format!("[{prev_value} != {}]", node.value);
        let index_cause = format!("[{prev_index} != {}]", node.modified_index);
        let cause = match (value_ok, index_ok) {
            (true, true) => return Ok(()),
            (false, true) => value_cause,
            (true, false) => index_cause,
            (false, false) => format!("{value_cause} {index_cause}"),
        };
        Err(self.err(V2ErrorCode::TestFailed, &cause))
    }

    /// The store's `internalGet`: walks the path from the root, so a file on the way is
    /// `104: Not a directory` and the first missing part is `100: Key not found`. `None` is
    /// the root.
    fn lookup(&self, path: &str) -> Result<Option<&V2Node>, V2Error> {
        let mut node: Option<&V2Node> = None;
        if path == "/" {
            return Ok(node);
        }
        let ends = path.match_indices('/').skip(1).map(|(i, _)| i);
        for end in ends.chain([path.len()]) {
            if let Some(file) = node.filter(|n| !n.dir) {
                return Err(self.err(V2ErrorCode::NotDir, &file.key));
            }
            let part = &path[..end];
            node = Some(
                self.nodes
                    .get(part)
                    .ok_or_else(|| self.err(V2ErrorCode::KeyNotFound, part))?,
            );
        }
        Ok(node)
    }

    /// Read without changing anything (a v2 `get` is served locally unless `--quorum`).
    /// A directory lists its children (all descendants when recursive) depth first in key
    /// order, without hidden ones (a name starting with `_`) or anything under them.
    pub fn get(&self, key: &str, recursive: bool) -> Result<V2Response, V2Error> {
        let path = clean_path(key);
        // The root's key is the store's `/1`, which the v2 API strips to nothing.
        let node = self.lookup(&path)?.cloned().unwrap_or_else(|| V2Node {
            key: String::new(),
            dir: true,
            value: String::new(),
            created_index: 0,
            modified_index: 0,
            ttl: 0,
            expiration_us: None,
        });
        let mut children = Vec::new();
        if node.dir {
            let prefix = if path == "/" {
                "/".to_string()
            } else {
                format!("{path}/")
            };
            children = crate::sorted::from_key(&self.nodes, &prefix)
                .iter()
                .take_while(|(k, _)| k.starts_with(&prefix))
                .filter(|(k, _)| {
                    let rel = &k[prefix.len()..];
                    (recursive || !rel.contains('/')) && !rel.split('/').any(|p| p.starts_with('_'))
                })
                .map(|(_, n)| n.clone())
                .collect();
            // Depth first (path components compared, so `/s/y/a` before `/s/y-1`). The key
            // map's byte order is nearly that already, so the insertion sort is near linear.
            quorum_raft::lite::sort_small_by(&mut children, |a, b| {
                a.key.split('/').lt(b.key.split('/'))
            });
        }
        Ok(V2Response {
            action: "get".into(),
            node,
            prev_node: None,
            children,
            index: self.index,
        })
    }

    fn write(
        &mut self,
        key: &str,
        value: &str,
        ttl: i64,
        dir: bool,
        now_us: i64,
        mode: Mode,
    ) -> Result<V2Response, V2Error> {
        let path = clean_path(key);
        if path == "/" {
            return Err(self.err(V2ErrorCode::RootReadOnly, "/"));
        }
        let prev = match mode {
            Mode::Update => self.lookup(&path)?.cloned(),
            _ => self.nodes.get(&path).cloned(),
        };
        match (&prev, mode) {
            (Some(_), Mode::Create) => return Err(self.err(V2ErrorCode::NodeExist, &path)),
            (None, Mode::Update) => return Err(self.err(V2ErrorCode::KeyNotFound, &path)),
            // The store's Update keeps a directory a directory if the new value is empty
            // (`updatedir` refreshes a directory's TTL this way).
            (Some(p), Mode::Update) if p.dir && value.is_empty() => {}
            (Some(p), _) if p.dir => return Err(self.err(V2ErrorCode::NotFile, &path)),
            _ => {}
        }
        let dir = match (&prev, mode) {
            (Some(p), Mode::Update) => p.dir,
            _ => dir,
        };
        self.check_parents(&path)?;
        self.index = self.index.saturating_add(1);
        let index = self.index;
        self.make_parents(&path, index);
        let node = V2Node {
            key: path.clone(),
            dir,
            value: if dir {
                String::new()
            } else {
                value.to_string()
            },
            created_index: match (&prev, mode) {
                (Some(p), Mode::Update) => p.created_index,
                _ => index,
            },
            modified_index: index,
            ttl: ttl.max(0),
            expiration_us: (ttl > 0).then(|| now_us.saturating_add(ttl.saturating_mul(1_000_000))),
        };
        self.nodes.insert(path, node.clone());
        Ok(V2Response {
            action: match mode {
                Mode::Set => "set",
                Mode::Create => "create",
                Mode::Update => "update",
            }
            .into(),
            node,
            prev_node: prev,
            children: Vec::new(),
            index,
        })
    }

    /// Every ancestor must be a directory (or missing, to be created).
    fn check_parents(&self, path: &str) -> Result<(), V2Error> {
        let mut p = parent_of(path);
        while let Some(dir) = p {
            if let Some(n) = self.nodes.get(&dir) {
                if !n.dir {
                    return Err(self.err(V2ErrorCode::NotDir, &dir));
                }
            }
            p = parent_of(&dir);
        }
        Ok(())
    }

    fn make_parents(&mut self, path: &str, index: u64) {
        let mut p = parent_of(path);
        while let Some(dir) = p {
            if dir != "/" && !self.nodes.contains_key(&dir) {
                self.nodes.insert(
                    dir.clone(),
                    V2Node {
                        key: dir.clone(),
                        dir: true,
                        value: String::new(),
                        created_index: index,
                        modified_index: index,
                        ttl: 0,
                        expiration_us: None,
                    },
                );
            }
            p = parent_of(&dir);
        }
    }

    fn delete(&mut self, key: &str, dir: bool, recursive: bool) -> Result<V2Response, V2Error> {
        let path = clean_path(key);
        let Some(prev) = self.lookup(&path)?.cloned() else {
            return Err(self.err(V2ErrorCode::RootReadOnly, "/"));
        };
        if prev.dir {
            if !dir {
                return Err(self.err(V2ErrorCode::NotFile, &path));
            }
            let prefix = format!("{path}/");
            let has_children = self.nodes.keys().any(|k| k.starts_with(&prefix));
            if has_children && !recursive {
                return Err(self.err(V2ErrorCode::DirNotEmpty, &path));
            }
        }
        self.remove_tree(&path);
        self.index = self.index.saturating_add(1);
        // The delete event's node: key, dir and indexes only (no value, no TTL).
        let mut node = prev.clone();
        node.value.clear();
        node.modified_index = self.index;
        node.ttl = 0;
        node.expiration_us = None;
        Ok(V2Response {
            action: "delete".into(),
            node,
            prev_node: Some(prev),
            children: Vec::new(),
            index: self.index,
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Set,
    Create,
    Update,
}
