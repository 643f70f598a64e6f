//! Dashboard HTTP handler.

use poem_openapi::{ApiResponse, OpenApi, payload::Json};

use crate::{
    dashboard::{dto::DashboardResponse, service},
    db,
    error::{ApiResult, status},
    http::{ApiTags, auth::AdminAuth},
    state::AppState,
};

/// The admin dashboard.
pub struct DashboardApi {
    state: AppState,
}

impl DashboardApi {
    /// Wraps the shared state.
    pub fn new(state: AppState) -> Self {
        Self { state }
    }
}

/// The dashboard.
#[derive(ApiResponse)]
pub enum FindDashboardResponse {
    /// The figures, read in one snapshot.
    #[oai(status = 200)]
    Ok(Json<DashboardResponse>),
}

#[OpenApi(prefix_path = "/api/v1")]
impl DashboardApi {
    /// Shop dashboard
    ///
    /// Admins only: active and low-stock products, orders per status, and the
    /// payments completed today (UTC), read in one consistent snapshot.
    #[oai(
        path = "/dashboard",
        method = "get",
        tag = "ApiTags::Dashboard",
        operation_id = "find_dashboard"
    )]
    async fn find_dashboard(
        &self,
        _admin: AdminAuth,
    ) -> ApiResult<FindDashboardResponse, { status::UNAUTHORIZED | status::FORBIDDEN }> {
        let mut client = self.state.db.get().await?;
        let snapshot = db::read_snapshot(&mut client).await?;
        let dashboard = service::dashboard(
            &snapshot,
            self.state.settings.catalog.low_stock_threshold,
            chrono::Utc::now(),
        )
        .await?;
        Ok(FindDashboardResponse::Ok(Json(dashboard.into())))
    }
}
