/// A framework a handbook can be read against: its requirements (ids and short titles only, no
/// text of the law or standard) and a crosswalk from each requirement to the ISO/IEC 42001
/// clauses and Annex A controls that help meet it. ISO/IEC 42001 itself is the hub every
/// crosswalk leads to, so its pack has requirements and no mappings.
///
/// Packs are data: the built-in ones are JSON files in `Standard/`, embedded at build time; a
/// handbook overrides or extends them with files in its `frameworks/` folder.
public struct FrameworkPack: Sendable, Hashable {
    /// Who carries an obligation under the EU AI Act.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        case provider
        case deployer
        case both
    }

    public struct Requirement: Sendable, Hashable {
        /// As documents cite it: `Art.14`, `6.1.2`.
        public var id: String
        public var title: String
        /// The requirement this one is part of (`6.1` for `6.1.2`).
        public var parent: String?
        /// A heading to group requirements under (a chapter of the Act).
        public var group: String?
        /// The `eu_ai_act_risk` classes of an AI system the requirement applies to; empty when
        /// the requirement does not depend on a system's class.
        public var appliesTo: [String]
        public var role: Role?
        /// The date the requirement applies from (EU AI Act Art.113); a handbook's
        /// `eu_ai_act_dates` replaces it.
        public var appliesFrom: Day?

        public init(
            id: String, title: String, parent: String? = nil, group: String? = nil, appliesTo: [String] = [],
            role: Role? = nil, appliesFrom: Day? = nil
        ) {
            self.id = id
            self.title = title
            self.parent = parent
            self.group = group
            self.appliesTo = appliesTo
            self.role = role
            self.appliesFrom = appliesFrom
        }
    }

    /// One line of the crosswalk: a requirement, the 42001 clauses and controls that help meet
    /// it, and why we think so. Public crosswalks are analyses, not official: the basis says whose.
    public struct Mapping: Sendable, Hashable {
        public var requirement: String
        public var clauses: [String]
        public var controls: [String]
        public var basis: String
        /// Where the basis can be read, when it is public.
        public var source: String?
        /// The handbook file that set this mapping; nil for a built-in one.
        public var origin: String?
        /// The 42001 clauses are a process both standards share (27001's 6.1.2 is not 42001's):
        /// covering them is not enough, a document must cite the requirement itself.
        public var shared: Bool
        /// ISO/IEC 27001 Annex A controls that must be evidenced too (documents citing them with
        /// `iso27001: [A.8.8]`), for requirements 42001 alone does not reach (Art.15's cybersecurity).
        public var iso27001: [String]
        /// The EU AI Act requirements this one helps meet (a 27001 control's crosswalk to the Act);
        /// shown on pages, not counted as evidence.
        public var supports: [String]

        public init(
            requirement: String, clauses: [String], controls: [String], basis: String, source: String? = nil,
            origin: String? = nil, shared: Bool = false, iso27001: [String] = [], supports: [String] = []
        ) {
            self.requirement = requirement
            self.clauses = clauses
            self.controls = controls
            self.basis = basis
            self.source = source
            self.origin = origin
            self.shared = shared
            self.iso27001 = iso27001
            self.supports = supports
        }

        /// Clauses, then controls, then 27001 controls: everything a document can cover to address
        /// the requirement.
        public var targets: [String] { clauses + controls + iso27001.map { "ISO/IEC 27001 " + $0 } }
    }

    /// Stable name: `iso42001`, `eu-ai-act`, `iso27001`.
    public var id: String
    /// Short name for headings: "EU AI Act".
    public var name: String
    /// Full title: "Regulation (EU) 2024/1689 (Artificial Intelligence Act)".
    public var title: String
    public var note: String?
    public var requirements: [Requirement]
    /// At most one per requirement, in the order of `requirements`.
    public var mappings: [Mapping]

    public init(
        id: String, name: String, title: String, note: String? = nil, requirements: [Requirement],
        mappings: [Mapping] = []
    ) {
        self.id = id
        self.name = name
        self.title = title
        self.note = note
        self.requirements = requirements
        self.mappings = mappings
    }

    public func requirement(_ id: String) -> Requirement? { requirements.first { $0.id == id } }

    public func mapping(for requirement: String) -> Mapping? { mappings.first { $0.requirement == requirement } }

    /// The front-matter field documents cite this pack's requirements with, if any.
    public var citationField: String? { FrameworkLibrary.citationFields.first { $0.pack == id }?.field }

    /// How a document cites the pack: `eu_ai_act: [Art.14]`; nil for 42001 (`clauses`, `controls`).
    public var citationExample: String? {
        FrameworkLibrary.citationFields.first { $0.pack == id }.map { "\($0.field): [\($0.example)]" }
    }

    /// Requirements under a parent (nil: the top level), in the pack's order.
    public func children(of parent: String?) -> [Requirement] { requirements.filter { $0.parent == parent } }

    /// The ISO/IEC 42001 model as a pack: clauses 4 to 10 and the Annex A controls, grouped by
    /// their control objective. It is the hub of every crosswalk, so it maps to nothing.
    public static func iso42001(_ standard: StandardModel) -> FrameworkPack {
        let clauses = standard.clauses.map { Requirement(id: $0.id, title: $0.title, parent: $0.parent) }
        let controls = standard.controls.map { control in
            Requirement(
                id: control.id, title: control.title,
                group: standard.topObjective(of: control).map { "\($0.id) \($0.title)" })
        }
        return FrameworkPack(
            id: "iso42001", name: "ISO/IEC 42001", title: standard.standard,
            note: "Clause and control identifiers with short titles only; no text of the standard.",
            requirements: clauses + controls)
    }
}
