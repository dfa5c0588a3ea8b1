/**
 * Loaded by a hub worker process (docs/workers.md): WSDL serving and traffic validation from the same
 * contracts folder and validation rules as the main process's service.
 */
import { ContractsService, type HubWorkerHooksOptions } from './contracts-service.js';

export function createContractHooks(options: HubWorkerHooksOptions): ContractsService {
  return new ContractsService({ contractsDir: options.contractsDir, rules: options.rules });
}
