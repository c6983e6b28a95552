extension DocumentType {
    public static let policy = DocumentType(declaring: "policy")
}

/// A policy: top management's intentions and direction (the AI policy, clause 5.2, and others).
enum PolicyType {
    static let descriptor = DocumentTypeDescriptor(
        .policy, displayName: "Policy", pluralName: "Policies", requiresOwner: true,
        starter: Starter(
            folder: "policies", idPrefix: "POL",
            sections: ["Purpose", "Scope", "Policy statements", "Responsibilities", "Review"]))
}
