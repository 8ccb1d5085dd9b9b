//! Just enough YAML for `kubectl apply -f`: documents separated by `---`, nested maps
//! by indentation, list items by `- `. Values are kept as strings.

/// One document flattened to `(dotted.path, value)` pairs in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Doc {
    pub fields: Vec<(String, String)>,
}

impl Doc {
    pub fn get(&self, path: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, v)| v.as_str())
    }

    /// The first value whose path ends with `.suffix`.
    pub fn find_suffix(&self, suffix: &str) -> Option<&str> {
        let dotted = format!(".{suffix}");
        self.fields
            .iter()
            .find(|(p, _)| p.ends_with(&dotted) || p == suffix)
            .map(|(_, v)| v.as_str())
    }

    /// Direct children of `prefix` with scalar values.
    pub fn children(&self, prefix: &str) -> Vec<(String, String)> {
        let start = format!("{prefix}.");
        self.fields
            .iter()
            .filter_map(|(p, v)| {
                let rest = p.strip_prefix(&start)?;
                (!rest.contains('.') && !v.is_empty()).then(|| (rest.to_string(), v.clone()))
            })
            .collect()
    }
}

pub fn parse(text: &str) -> Vec<Doc> {
    let mut docs = Vec::new();
    let mut current = Doc::default();
    let mut stack: Vec<(usize, String)> = Vec::new();
    for raw in text.lines() {
        let line = raw.split(" #").next().unwrap_or("");
        if line.trim() == "---" {
            if !current.fields.is_empty() {
                docs.push(std::mem::take(&mut current));
            }
            stack.clear();
            continue;
        }
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let mut indent = line.len() - line.trim_start().len();
        let mut body = line.trim_start();
        if let Some(rest) = body.strip_prefix("- ") {
            indent += 2;
            body = rest;
        }
        let Some((k, v)) = body.split_once(':') else {
            continue;
        };
        while stack.last().is_some_and(|(i, _)| *i >= indent) {
            stack.pop();
        }
        let key = k.trim().to_string();
        let mut path: Vec<&str> = stack.iter().map(|(_, k)| k.as_str()).collect();
        path.push(&key);
        let value = v.trim().trim_matches('"').trim_matches('\'').to_string();
        current.fields.push((path.join("."), value));
        stack.push((indent, key));
    }
    if !current.fields.is_empty() {
        docs.push(current);
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deployment() {
        let docs = parse(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n---\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  color: blue\n",
        );
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].get("kind"), Some("Deployment"));
        assert_eq!(docs[0].get("metadata.name"), Some("web"));
        assert_eq!(docs[0].get("spec.replicas"), Some("3"));
        assert_eq!(docs[0].find_suffix("image"), Some("nginx:1.27"));
        assert_eq!(
            docs[1].children("data"),
            vec![("color".to_string(), "blue".to_string())]
        );
    }
}
