export interface LabMemberDoc {
  signature: string;
  doc: string;
  /**
   * Set for a method of an object another member returns (`db` from `lab.sql.open`): `lab.help()`
   * lists it with its namespace, but it is not a member of the namespace itself.
   */
  of?: string;
}

export interface LabNamespaceDoc {
  doc: string;
  members: Record<string, LabMemberDoc>;
}
