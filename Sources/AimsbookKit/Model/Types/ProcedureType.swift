extension DocumentType {
    public static let procedure = DocumentType(declaring: "procedure")
}

/// A procedure: how a process of the AI management system is carried out.
enum ProcedureType {
    static let descriptor = DocumentTypeDescriptor(
        .procedure, displayName: "Procedure", pluralName: "Procedures", requiresOwner: true,
        starter: Starter(
            folder: "procedures", idPrefix: "PROC",
            sections: ["Purpose", "Scope", "Roles", "Steps", "Records kept", "Review"]))
}
