namespace PartnerBot.Advisor.Playbook;

public enum LifecyclePhase
{
    /// <summary>PD: requirements, feasibility, system architecture.</summary>
    ProductDefinition,

    /// <summary>DD: industrial design, engineering, prototyping, DFM/DFA, verification.</summary>
    DesignAndDevelopment,

    /// <summary>DT: industrialization, manufacturing documentation, process validation.</summary>
    DesignTransfer,

    /// <summary>CM: certified (ISO 13485) production.</summary>
    ContractManufacturing,
}
