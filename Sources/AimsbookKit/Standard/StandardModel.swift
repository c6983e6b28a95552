import Foundation

/// The built-in model of ISO/IEC 42001:2023: clause and Annex A control identifiers with short
/// titles, and which clauses require documented information. Data, not code: it is read from
/// `Standard/iso42001.json`, embedded into the binary at build time.
public struct StandardModel: Sendable, Codable {
    public struct Clause: Sendable, Codable, Hashable {
        public var id: String
        public var title: String
        public var parent: String?
    }

    /// An Annex A control objective group (A.2 … A.10, with A.6.1 and A.6.2 under A.6).
    public struct Objective: Sendable, Codable, Hashable {
        public var id: String
        public var title: String
        public var parent: String?
    }

    public struct Control: Sendable, Codable, Hashable {
        public var id: String
        public var title: String
        public var objective: String
    }

    /// A clause that requires documented information, and what that information is.
    public struct MandatoryItem: Sendable, Codable, Hashable {
        public var clause: String
        public var what: String
        /// What evidences the item (`MandatoryEvidence.Kind`): `process` (approved policies and
        /// procedures), `records`, `objectives`, `risk-assessments`, `risk-treatments`,
        /// `impact-assessments`, `soa`, `treatment-plan`. Nil reads as `process`.
        public var evidence: String?
        /// For `records`: the record kinds that count; none means any record listing the clause.
        public var recordKinds: [String]?

        private enum CodingKeys: String, CodingKey {
            case clause, what, evidence
            case recordKinds = "record_kinds"
        }
    }

    public var standard: String
    public var clauses: [Clause]
    public var objectives: [Objective]
    public var controls: [Control]
    public var mandatory: [MandatoryItem]

    private enum CodingKeys: String, CodingKey {
        case standard, clauses, objectives, controls, mandatory
    }

    public func clause(_ id: String) -> Clause? { clauseIndex[id].map { clauses[$0] } }
    public func control(_ id: String) -> Control? { controlIndex[id].map { controls[$0] } }
    /// Whether `id` is a clause or a control, without copying the clause or control out. Every
    /// link of every body is asked, and most name a document: an id whose first character starts
    /// no clause (or control) is answered without hashing it.
    public func hasClause(_ id: String) -> Bool { clauseStarts.mayStart(id) && clauseIndex[id] != nil }
    public func hasControl(_ id: String) -> Bool { controlStarts.mayStart(id) && controlIndex[id] != nil }
    public func objective(_ id: String) -> Objective? { objectives.first { $0.id == id } }

    /// Children of a clause (`6.1` → 6.1.1 … 6.1.4), in the standard's order.
    public func subclauses(of id: String) -> [Clause] { clauses.filter { $0.parent == id } }

    /// The objective group at the top of a control's hierarchy (A.6.2.4 → A.6).
    public func topObjective(of control: Control) -> Objective? {
        var objective = self.objective(control.objective)
        while let parent = objective?.parent, let next = self.objective(parent) { objective = next }
        return objective
    }

    private var clauseIndex: [String: Int] = [:]
    private var controlIndex: [String: Int] = [:]
    private var clauseStarts = FirstBytes()
    private var controlStarts = FirstBytes()

    /// The ASCII bytes a set of ids starts with, as a bit mask.
    private struct FirstBytes {
        private var low: UInt64 = 0
        private var high: UInt64 = 0

        init(_ ids: [String] = []) {
            for id in ids {
                guard let first = id.utf8.first, first < 128 else { continue }
                if first < 64 { low |= 1 << first } else { high |= 1 << (first - 64) }
            }
        }

        /// False when no id of the set starts with `id`'s first byte.
        func mayStart(_ id: String) -> Bool {
            guard let first = id.utf8.first, first < 128 else { return false }
            return first < 64 ? low & (1 << first) != 0 : high & (1 << (first - 64)) != 0
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        standard = try container.decode(String.self, forKey: .standard)
        clauses = try container.decode([Clause].self, forKey: .clauses)
        objectives = try container.decode([Objective].self, forKey: .objectives)
        controls = try container.decode([Control].self, forKey: .controls)
        mandatory = try container.decode([MandatoryItem].self, forKey: .mandatory)
        buildIndexes()
    }

    private mutating func buildIndexes() {
        clauseIndex = Dictionary(clauses.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        controlIndex = Dictionary(controls.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        clauseStarts = FirstBytes(clauses.map(\.id))
        controlStarts = FirstBytes(controls.map(\.id))
    }

    /// The model shipped with aimsbook.
    public static let iso42001: StandardModel = {
        guard let json = EmbeddedResources.standards["iso42001.json"] else {
            fatalError("the embedded ISO/IEC 42001 model is missing: the build plugin did not run")
        }
        do {
            return try JSONDecoder().decode(StandardModel.self, from: Data(json.utf8))
        } catch {
            fatalError("the embedded ISO/IEC 42001 model is malformed: \(error)")
        }
    }()
}

extension StandardModel {
    /// Feeds everything the model holds to `hasher`, for the caches' keys.
    func combine(into hasher: inout Hasher) {
        hasher.combine(standard)
        hasher.combine(clauses)
        hasher.combine(objectives)
        hasher.combine(controls)
        hasher.combine(mandatory)
    }
}
