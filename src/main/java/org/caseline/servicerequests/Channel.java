package org.caseline.servicerequests;

/** Where a request comes from: the public site without an account, an account, or an agent of a tier. */
public enum Channel { PUBLIC, ACCOUNT, TIER1, TIER2 }
