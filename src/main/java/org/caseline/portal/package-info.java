/**
 * The public web site that ties the self-service pieces together: home, case status, and (as
 * they arrive) offices, forms, news and the virtual assistant. English and Spanish throughout.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Portal")
package org.caseline.portal;
