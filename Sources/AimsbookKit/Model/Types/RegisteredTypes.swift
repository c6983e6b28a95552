extension DocumentType {
    /// Every document type, in navigation order (governance first, evidence last): a type is
    /// usable once its descriptor is listed here.
    static let registered: [DocumentTypeDescriptor] = [
        PolicyType.descriptor,
        RoleType.descriptor,
        ProcedureType.descriptor,
        RiskType.descriptor,
        AISystemType.descriptor,
        ImpactAssessmentType.descriptor,
        DatasetType.descriptor,
        ObjectiveType.descriptor,
        RecordType.descriptor,
        SoAType.descriptor,
    ]
}
