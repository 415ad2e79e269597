/**
 * The control API's request and reply shapes, for the OpenAPI document only: routes/api.camel.yaml names them
 * ({@code responseModel}, {@code type}) and camel-openapi-java turns them into schemas. The handlers build their
 * replies as maps; ControlApiTest checks that what they answer is what is documented here.
 *
 * <p>{@code LocalDate} components carry {@code @JsonProperty("issue_date")}: swagger-core leaves them camelCase
 * despite {@code @JsonNaming}.
 */
package aieditor.api.schema;
