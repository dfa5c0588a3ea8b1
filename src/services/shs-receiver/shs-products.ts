/**
 * The reference SHS receiver's products: one SHS product per certificate contract (the receiver reads the
 * payload of a product as that contract's request). The ids are this emulator's own.
 */
import { CERT_NS } from '../certificates/certificate-contracts.js';

export const CERTIFICATE_PRODUCTS: Readonly<Record<string, string>> = {
  [CERT_NS.registerCertificate]: '6f3a1c52-0d8e-4b7a-9c1e-2a5b8d4e7f10',
  [CERT_NS.revokeCertificate]: '9b2e4d71-3c5a-4f86-8e0b-7d1c6a9f2e34',
};

export const namespaceOfProduct = (product: string): string | undefined => Object.entries(CERTIFICATE_PRODUCTS).find(([, p]) => p === product)?.[0];
