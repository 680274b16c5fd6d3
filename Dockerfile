# Builds the portal and runs it as a non-root user. docker-compose.yml wires it to PostgreSQL; the production
# compose file also runs /app/efbundle (the migrations of this build) before the portal starts.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY dotnet-tools.json Directory.Build.props Directory.Packages.props ExchangePortal.sln ./
RUN dotnet tool restore
COPY src/ExchangePortal.Core/ExchangePortal.Core.csproj src/ExchangePortal.Core/
COPY src/ExchangePortal.Web/ExchangePortal.Web.csproj src/ExchangePortal.Web/
RUN dotnet restore src/ExchangePortal.Web/ExchangePortal.Web.csproj
COPY src/ src/
RUN dotnet publish src/ExchangePortal.Web/ExchangePortal.Web.csproj -c Release -o /app --no-restore
RUN dotnet ef migrations bundle -p src/ExchangePortal.Core -s src/ExchangePortal.Web --configuration Release --no-build -o /app/efbundle

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# The certificate of completion embeds this TrueType CJK font (Certificates:FontPath, docs/operations.md "Certificates").
RUN apt-get update && apt-get install -y --no-install-recommends fonts-wqy-microhei && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "ExchangePortal.Web.dll"]
