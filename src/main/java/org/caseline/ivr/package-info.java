/**
 * IVR: call flows as data (lines, menus, prompts, hours, languages), their validation, the flow
 * interpreter, and the records of every call. The interpreter never touches a socket: a phone
 * line, the web simulator and tests are drivers of {@link org.caseline.ivr.IvrService}. A caller
 * waiting in line is spoken to by the hold flow ({@code flows/hold.yaml}) through the same service
 * ({@code IvrService.hold}): the driver only plays, listens and tells routing what the caller chose.
 */
@org.springframework.modulith.ApplicationModule(displayName = "IVR")
package org.caseline.ivr;
