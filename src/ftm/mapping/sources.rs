//! The sources of an import: FtM `Document` entities, datasets, `sourceUrl`s, the input
//! itself, the authorities table and the rules, each made a [`Source`] once, with an id of
//! its own, when something kept cites it.

use crate::model::{Source, SourceId};

use super::super::ids::{self, Allocator};
use super::finish::Kept;
use super::{Builder, SourceKey};

impl Builder {
    /// The sources: every document of the input and whatever the kept edges cite, with
    /// their ids, by the numbers of their keys in [`Builder::source_keys`].
    pub(super) fn cited_sources(
        &mut self,
        kept: &[Kept],
        mut allocator: Allocator,
    ) -> (Vec<Source>, Vec<Option<SourceId>>) {
        let documents: Vec<SourceKey> = self
            .documents
            .keys()
            .map(|&id| SourceKey::Document(self.names.get(id).to_string()))
            .collect();
        let mut is_used = vec![false; self.source_keys.0.len() + documents.len()];
        for key in &documents {
            is_used[self.source_keys.id(key) as usize] = true;
        }
        for (draft, ..) in kept {
            for &key in &draft.sources {
                is_used[key as usize] = true;
            }
        }
        // Ids are handed out in the order of the keys, not of the lines.
        let mut used: Vec<u32> = (0..self.source_keys.0.len() as u32)
            .filter(|&key| is_used[key as usize])
            .collect();
        used.sort_unstable_by(|&a, &b| self.source_keys.get(a).cmp(self.source_keys.get(b)));
        let mut source_ids = vec![None; self.source_keys.0.len()];
        let mut sources = Vec::with_capacity(used.len());
        for key in used {
            let (wanted, source) = self.source(&self.source_keys.get(key).clone());
            let id = SourceId::new(allocator.take(wanted));
            sources.push(Source {
                id: id.clone(),
                ..source
            });
            source_ids[key as usize] = Some(id);
        }
        sources.sort_by(|a, b| a.id.cmp(&b.id));
        (sources, source_ids)
    }
    /// The wanted id and the values of a source.
    fn source(&mut self, key: &SourceKey) -> (String, Source) {
        let mut source = Source {
            id: SourceId::new(""),
            publisher: String::new(),
            title: None,
            description: None,
            date: None,
            url: None,
            identifier: None,
            language: None,
        };
        let wanted = match key {
            SourceKey::Document(ftm_id) => {
                let document = self.names.find(ftm_id.as_str());
                match document.and_then(|id| self.documents.remove(&id)) {
                    Some(document) => {
                        source.publisher = document.publisher.unwrap_or_else(|| "unknown".into());
                        source.title = document.title;
                        source.description = document.description;
                        source.date = document.date;
                        source.url = document.url;
                        source.language = document.language;
                        if source.title.is_none() && source.description.is_none() {
                            source.title = Some(ftm_id.clone());
                        }
                    }
                    None => {
                        self.stats.unresolved.insert(ftm_id.clone());
                        source.publisher = "unknown".into();
                        source.title = Some(format!(
                            "Unresolved: FtM document `{ftm_id}` is cited but not in the input"
                        ));
                    }
                }
                ids::from_ftm_id(ftm_id)
            }
            SourceKey::Dataset(name) => {
                source.publisher = name.clone();
                source.title = Some(format!("FollowTheMoney dataset `{name}`"));
                source.identifier = Some(name.clone());
                match ids::slug(name) {
                    slug if slug.is_empty() => ids::hashed("dataset", name),
                    slug => format!("dataset-{slug}"),
                }
            }
            SourceKey::Url(url) => {
                let host = url
                    .split("://")
                    .nth(1)
                    .and_then(|rest| rest.split('/').next())
                    .filter(|host| !host.is_empty())
                    .unwrap_or("unknown");
                source.publisher = host.to_owned();
                source.title = Some(url.clone());
                source.url = Some(url.clone());
                ids::hashed(&format!("url-{}", ids::slug(host)), url)
            }
            SourceKey::Table => {
                source.publisher = "sanctions-graph".into();
                source.title = Some("Table of sanctioning authorities".into());
                source.description = Some(
                    "The bodies `import ftm` resolves authorities to, and what each is part of \
                     (data/ftm/authorities.ron, with any `--authorities` file)"
                        .into(),
                );
                source.identifier = Some("data/ftm/authorities.ron".into());
                "sgraph-authorities".to_owned()
            }
            SourceKey::Rule(at, value) => {
                let rule = self.rules.rule(*at);
                source.publisher = "sanctions-graph".into();
                source.title = Some(format!(
                    "Rule `{}`: {} {}",
                    rule.id,
                    rule.property,
                    rule.matches.describe()
                ));
                source.description = Some(format!(
                    "{} {} {:?}, so it {} {} (rules of `import ftm`: data/ftm/rules.ron, with any `--rules` file)",
                    rule.schemata.join(" or "),
                    rule.property,
                    value,
                    rule.relation,
                    rule.commodity
                ));
                source.identifier = Some(format!("rule:{}", rule.id));
                ids::hashed(&format!("rule-{}", rule.id), value)
            }
            SourceKey::Input => {
                source.publisher = "FollowTheMoney input".into();
                source.title = Some(format!("Entities imported from `{}`", self.file));
                source.identifier = Some(self.file.to_string());
                "ftm-input".to_owned()
            }
        };
        (wanted, source)
    }
}
