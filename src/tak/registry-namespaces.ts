/** Namespaces of the registry services the catalogue produces (docs/tak.md, "Registry services"). */
export const REGISTRY_NS = {
  supportedContracts: 'urn:riv:infrastructure:itintegration:registry:GetSupportedServiceContractsResponder:2',
  logicalAddressees: 'urn:riv:infrastructure:itintegration:registry:GetLogicalAddresseesByServiceContractResponder:2',
  registryCore: 'urn:riv:infrastructure:itintegration:registry:2',
  ping: 'urn:riv:itintegration:monitoring:PingForConfigurationResponder:1',
  vagvalsInfo: 'urn:skl:tp:vagvalsinfo:v2',
} as const;
