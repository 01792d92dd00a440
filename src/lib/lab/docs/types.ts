export interface LabMemberDoc {
  signature: string;
  doc: string;
}

export interface LabNamespaceDoc {
  doc: string;
  members: Record<string, LabMemberDoc>;
}
