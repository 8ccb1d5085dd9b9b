//! A tiny in-memory file system per machine: enough for the install steps of the notes.

use litemap::LiteMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Dir,
    File { content: String, exec: bool },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FsError {
    NotFound,
    NotDir,
    IsDir,
    Exists,
}

impl FsError {
    pub fn text(&self) -> &'static str {
        match self {
            FsError::NotFound => "No such file or directory",
            FsError::NotDir => "Not a directory",
            FsError::IsDir => "Is a directory",
            FsError::Exists => "File exists",
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Vfs {
    nodes: LiteMap<String, Node>,
}

/// Absolute, normalized path of `p` seen from `cwd` (`~` is `home`).
pub fn resolve(cwd: &str, home: &str, p: &str) -> String {
    let joined = if p == "~" {
        home.to_string()
    } else if let Some(rest) = p.strip_prefix("~/") {
        format!("{home}/{rest}")
    } else if p.starts_with('/') {
        p.to_string()
    } else {
        format!("{cwd}/{p}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for s in joined.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("/{}", parts.join("/"))
}

pub fn parent(p: &str) -> String {
    match p.rfind('/') {
        Some(0) | None => "/".into(),
        Some(i) => p[..i].into(),
    }
}

pub fn base(p: &str) -> &str {
    p.rsplit('/').next().unwrap_or(p)
}

impl Vfs {
    pub fn new() -> Self {
        let mut v = Vfs::default();
        v.nodes.insert("/".into(), Node::Dir);
        v
    }

    pub fn get(&self, p: &str) -> Option<&Node> {
        self.nodes.get(p)
    }

    pub fn is_dir(&self, p: &str) -> bool {
        matches!(self.nodes.get(p), Some(Node::Dir))
    }

    pub fn exists(&self, p: &str) -> bool {
        self.nodes.contains_key(p)
    }

    pub fn mkdir_p(&mut self, p: &str) -> Result<(), FsError> {
        let mut cur = String::new();
        for part in p.split('/').filter(|s| !s.is_empty()) {
            cur = format!("{cur}/{part}");
            match self.nodes.get(&cur) {
                Some(Node::Dir) => {}
                Some(_) => return Err(FsError::NotDir),
                None => {
                    self.nodes.insert(cur.clone(), Node::Dir);
                }
            }
        }
        Ok(())
    }

    /// `mkdir` without -p: the parent must exist and the target must not.
    pub fn mkdir(&mut self, p: &str) -> Result<(), FsError> {
        if self.exists(p) {
            return Err(FsError::Exists);
        }
        self.check_parent(p)?;
        self.nodes.insert(p.into(), Node::Dir);
        Ok(())
    }

    fn check_parent(&self, p: &str) -> Result<(), FsError> {
        match self.nodes.get(&parent(p)) {
            Some(Node::Dir) => Ok(()),
            Some(_) => Err(FsError::NotDir),
            None => Err(FsError::NotFound),
        }
    }

    pub fn read(&self, p: &str) -> Result<&str, FsError> {
        match self.nodes.get(p) {
            Some(Node::File { content, .. }) => Ok(content),
            Some(Node::Dir) => Err(FsError::IsDir),
            None => Err(FsError::NotFound),
        }
    }

    pub fn write(&mut self, p: &str, content: &str, exec: bool) -> Result<(), FsError> {
        if self.is_dir(p) {
            return Err(FsError::IsDir);
        }
        self.check_parent(p)?;
        self.nodes.insert(
            p.into(),
            Node::File {
                content: content.into(),
                exec,
            },
        );
        Ok(())
    }

    /// Names directly inside a directory, sorted.
    pub fn list(&self, dir: &str) -> Vec<(String, bool)> {
        let prefix = if dir == "/" {
            "/".to_string()
        } else {
            format!("{dir}/")
        };
        self.under(&prefix)
            .filter(|(k, _)| k.len() > prefix.len() && !k[prefix.len()..].contains('/'))
            .map(|(k, n)| (k[prefix.len()..].to_string(), matches!(n, Node::Dir)))
            .collect()
    }

    /// Copies a file or (recursively) a directory tree to `to`.
    pub fn copy(&mut self, from: &str, to: &str) -> Result<(), FsError> {
        let node = self.nodes.get(from).cloned().ok_or(FsError::NotFound)?;
        self.check_parent(to)?;
        let prefix = format!("{from}/");
        let subtree: Vec<(String, Node)> = self
            .under(&prefix)
            .map(|(k, n)| (format!("{to}/{}", &k[prefix.len()..]), n.clone()))
            .collect();
        self.nodes.insert(to.into(), node);
        for (k, n) in subtree {
            self.nodes.insert(k, n);
        }
        Ok(())
    }

    /// Every path starting with `prefix`, in order (a sorted run of the map).
    fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a String, &'a Node)> + 'a {
        let start = self.nodes.find_index(prefix).unwrap_or_else(|at| at);
        self.nodes.as_slice()[start..]
            .iter()
            .map(|(k, n)| (k, n))
            .take_while(move |(k, _)| k.starts_with(prefix))
    }

    pub fn remove(&mut self, p: &str) {
        let prefix = format!("{p}/");
        self.nodes.retain(|k, _| k != p && !k.starts_with(&prefix));
    }

    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), FsError> {
        self.copy(from, to)?;
        self.remove(from);
        Ok(())
    }

    /// Expands a glob (`*`, `?` in any component) to sorted matching paths.
    pub fn glob(&self, pattern: &str) -> Vec<String> {
        let mut found: Vec<String> = self
            .nodes
            .keys()
            .filter(|k| {
                let kp: Vec<&str> = k.split('/').collect();
                let pp: Vec<&str> = pattern.split('/').collect();
                kp.len() == pp.len() && kp.iter().zip(&pp).all(|(k, p)| wild_match(p, k))
            })
            .cloned()
            .collect();
        quorum_raft::lite::sort_small_by(&mut found, |a, b| a < b);
        found
    }
}

/// Shell pattern match with `*` and `?` (hidden files are not matched by a leading `*`).
pub fn wild_match(pat: &str, s: &str) -> bool {
    if s.starts_with('.') && !pat.starts_with('.') {
        return pat == s;
    }
    // Greedy matching with one backtrack point: linear, whatever the pattern.
    let p: Vec<char> = pat.chars().collect();
    let s: Vec<char> = s.chars().collect();
    let (mut pi, mut si) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == s[si]) {
            pi += 1;
            si += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, si));
            pi += 1;
        } else if let Some((sp, ss)) = star {
            pi = sp + 1;
            si = ss + 1;
            star = Some((sp, ss + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}
