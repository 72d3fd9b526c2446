/**
 * What the tests share, so that each test says only what it checks: the ways to reach the API
 * ({@link dev.dbplane.support.MvcApi} through MockMvc, {@link dev.dbplane.support.ApiClient} over
 * HTTP, both waiting for jobs through {@link dev.dbplane.support.JobPolling}), the request bodies
 * ({@link dev.dbplane.support.Manifests}), the engines and servers the tests run against (the
 * scripted engine, the {@link dev.dbplane.support.Sandbox} with its
 * {@link dev.dbplane.support.RealEngine} set-up, PostgreSQL, an S3-compatible store) and service
 * processes of their own.
 */
package dev.dbplane.support;
