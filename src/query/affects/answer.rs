//! What `affects` answers: an actor's net effect on a commodity, how a measure's scope
//! meets the commodity, and where each target stands.

use petgraph::graph::{EdgeIndex, NodeIndex};
use serde::Serialize;

use super::super::standing::Standing;
use super::super::{Certainty, Step};

/// The net effect of an actor's actions on a commodity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NetEffect {
    /// Every target it reaches the commodity through stands restricted.
    Restrictive,
    /// Every such target stands eased by licence.
    Eased,
    /// Every such target has its restriction lifted.
    Lifted,
    /// The targets stand differently (one restricted, one eased, ...).
    Mixed,
    /// Its only actions naming the commodity are diplomatic: a pledge or statement, not a
    /// measure.
    Pledged,
}

impl NetEffect {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            NetEffect::Restrictive => "restrictive",
            NetEffect::Eased => "eased",
            NetEffect::Lifted => "lifted",
            NetEffect::Mixed => "mixed",
            NetEffect::Pledged => "pledged",
        }
    }
}

impl std::fmt::Display for NetEffect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a measure's scope meets the queried commodity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// It names the commodity itself.
    Names,
    /// It names a heading that contains the commodity (potash, asked about potassium
    /// chloride): all of the commodity is covered.
    Contains,
    /// It names no commodity and reaches this one through its target's economic ties (a
    /// blocking of a producer): all of it is covered.
    Ties,
    /// It names only a narrower heading inside the commodity (potassium chloride, asked
    /// about potash): part of the commodity is covered.
    Part,
}

impl Coverage {
    /// Whether all of the commodity is covered.
    pub fn is_whole(self) -> bool {
        self != Coverage::Part
    }
}

/// Where one target stands with an actor, and the action that put it there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetStanding {
    /// The target of the actions.
    pub target: NodeIndex,
    /// Where it stands, reading each date as its first day.
    pub standing: Standing,
    /// The latest action in force on it by the actor's bodies (that decides the standing).
    pub action: EdgeIndex,
    /// `Uncertain` when the dates' precision allows another standing, or the deciding
    /// action is unverified.
    pub certainty: Certainty,
    /// Every standing some reading of the dates gives (`None`: no measure in force yet),
    /// when more than one.
    pub possible: Vec<Option<Standing>>,
    /// How the deciding action's scope meets the commodity.
    pub coverage: Coverage,
    /// Whether the deciding action is marked unverified.
    pub unverified: bool,
}

impl TargetStanding {
    /// Whether the deciding action covers only part of the commodity.
    pub fn is_partial(&self) -> bool {
        !self.coverage.is_whole()
    }
}

/// One actor that affects the commodity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Affect {
    /// The actor: the acting body or a body it belongs to.
    pub actor: NodeIndex,
    /// The net effect as of the queried date.
    pub effect: NetEffect,
    /// `Uncertain` when a target's standing is uncertain (see [`TargetStanding`]), or,
    /// for a pledge, when the pledge may not have been made by the queried date.
    pub certainty: Certainty,
    /// Whether every target's standing covers only part of the commodity.
    pub partial: bool,
    /// Whether the answer rests on an unverified action or relation: a deciding action,
    /// or an edge of the chain.
    pub unverified: bool,
    /// The shortest explaining chain, from the actor to the commodity: `part_of` steps up
    /// from the acting body to the actor (walked backwards), the action, then the ties
    /// from its target, or the headings from the commodity it names, to the commodity.
    pub chain: Vec<Step>,
    /// The commodity the chain's action names, when it reaches the commodity by naming it
    /// or a heading inside or around it. The steps after the action then lead from this
    /// commodity to the queried one.
    pub names: Option<NodeIndex>,
    /// How the chain's action meets the commodity.
    pub coverage: Coverage,
    /// Where each target stands, sorted by target id (empty when the effect is `pledged`).
    pub targets: Vec<TargetStanding>,
}

impl Affect {
    /// The number of edges in the explaining chain.
    pub fn hops(&self) -> usize {
        self.chain.len()
    }
}
